from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.stored_limit_action import StoredLimitAction
from ..models.stored_limit_source import StoredLimitSource
from ..types import UNSET, Unset

T = TypeVar("T", bound="StoredLimit")


@_attrs_define
class StoredLimit:
    """
    Attributes:
        action (StoredLimitAction | Unset):  Example: send_money.
        created_at (datetime.datetime | Unset):
        daily_limit (None | str | Unset):  Example: 250.00.
        monthly_limit (None | str | Unset):  Example: 250.00.
        per_transaction_limit (None | str | Unset):  Example: 250.00.
        reason (None | str | Unset):
        set_by (UUID | Unset):
        source (StoredLimitSource | Unset):
        updated_at (datetime.datetime | Unset):
        wallet_id (str | Unset):
    """

    action: StoredLimitAction | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    daily_limit: None | str | Unset = UNSET
    monthly_limit: None | str | Unset = UNSET
    per_transaction_limit: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    set_by: UUID | Unset = UNSET
    source: StoredLimitSource | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    wallet_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        daily_limit: None | str | Unset
        if isinstance(self.daily_limit, Unset):
            daily_limit = UNSET
        else:
            daily_limit = self.daily_limit

        monthly_limit: None | str | Unset
        if isinstance(self.monthly_limit, Unset):
            monthly_limit = UNSET
        else:
            monthly_limit = self.monthly_limit

        per_transaction_limit: None | str | Unset
        if isinstance(self.per_transaction_limit, Unset):
            per_transaction_limit = UNSET
        else:
            per_transaction_limit = self.per_transaction_limit

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        set_by: str | Unset = UNSET
        if not isinstance(self.set_by, Unset):
            set_by = str(self.set_by)

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        wallet_id = self.wallet_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if daily_limit is not UNSET:
            field_dict["daily_limit"] = daily_limit
        if monthly_limit is not UNSET:
            field_dict["monthly_limit"] = monthly_limit
        if per_transaction_limit is not UNSET:
            field_dict["per_transaction_limit"] = per_transaction_limit
        if reason is not UNSET:
            field_dict["reason"] = reason
        if set_by is not UNSET:
            field_dict["set_by"] = set_by
        if source is not UNSET:
            field_dict["source"] = source
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if wallet_id is not UNSET:
            field_dict["wallet_id"] = wallet_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _action = d.pop("action", UNSET)
        action: StoredLimitAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = StoredLimitAction(_action)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        def _parse_daily_limit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        daily_limit = _parse_daily_limit(d.pop("daily_limit", UNSET))

        def _parse_monthly_limit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        monthly_limit = _parse_monthly_limit(d.pop("monthly_limit", UNSET))

        def _parse_per_transaction_limit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        per_transaction_limit = _parse_per_transaction_limit(d.pop("per_transaction_limit", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        _set_by = d.pop("set_by", UNSET)
        set_by: UUID | Unset
        if isinstance(_set_by, Unset):
            set_by = UNSET
        else:
            set_by = UUID(_set_by)

        _source = d.pop("source", UNSET)
        source: StoredLimitSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = StoredLimitSource(_source)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        wallet_id = d.pop("wallet_id", UNSET)

        stored_limit = cls(
            action=action,
            created_at=created_at,
            daily_limit=daily_limit,
            monthly_limit=monthly_limit,
            per_transaction_limit=per_transaction_limit,
            reason=reason,
            set_by=set_by,
            source=source,
            updated_at=updated_at,
            wallet_id=wallet_id,
        )

        return stored_limit
