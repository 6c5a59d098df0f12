from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.payout_status import PayoutStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Payout")


@_attrs_define
class Payout:
    """
    Attributes:
        completed_amount (str | Unset):  Example: 250.00.
        completed_count (int | Unset):
        created_at (datetime.datetime | Unset):
        currency (str | Unset):
        description (None | str | Unset):
        failed_count (int | Unset):
        finished_at (datetime.datetime | None | Unset):
        item_count (int | Unset):
        payout_id (UUID | Unset):
        status (PayoutStatus | Unset):
        total_amount (str | Unset):  Example: 250.00.
    """

    completed_amount: str | Unset = UNSET
    completed_count: int | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currency: str | Unset = UNSET
    description: None | str | Unset = UNSET
    failed_count: int | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    item_count: int | Unset = UNSET
    payout_id: UUID | Unset = UNSET
    status: PayoutStatus | Unset = UNSET
    total_amount: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        completed_amount = self.completed_amount

        completed_count = self.completed_count

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currency = self.currency

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        failed_count = self.failed_count

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        item_count = self.item_count

        payout_id: str | Unset = UNSET
        if not isinstance(self.payout_id, Unset):
            payout_id = str(self.payout_id)

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        total_amount = self.total_amount

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if completed_amount is not UNSET:
            field_dict["completed_amount"] = completed_amount
        if completed_count is not UNSET:
            field_dict["completed_count"] = completed_count
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if currency is not UNSET:
            field_dict["currency"] = currency
        if description is not UNSET:
            field_dict["description"] = description
        if failed_count is not UNSET:
            field_dict["failed_count"] = failed_count
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if item_count is not UNSET:
            field_dict["item_count"] = item_count
        if payout_id is not UNSET:
            field_dict["payout_id"] = payout_id
        if status is not UNSET:
            field_dict["status"] = status
        if total_amount is not UNSET:
            field_dict["total_amount"] = total_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed_amount = d.pop("completed_amount", UNSET)

        completed_count = d.pop("completed_count", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        currency = d.pop("currency", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        failed_count = d.pop("failed_count", UNSET)

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        item_count = d.pop("item_count", UNSET)

        _payout_id = d.pop("payout_id", UNSET)
        payout_id: UUID | Unset
        if isinstance(_payout_id, Unset):
            payout_id = UNSET
        else:
            payout_id = UUID(_payout_id)

        _status = d.pop("status", UNSET)
        status: PayoutStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = PayoutStatus(_status)

        total_amount = d.pop("total_amount", UNSET)

        payout = cls(
            completed_amount=completed_amount,
            completed_count=completed_count,
            created_at=created_at,
            currency=currency,
            description=description,
            failed_count=failed_count,
            finished_at=finished_at,
            item_count=item_count,
            payout_id=payout_id,
            status=status,
            total_amount=total_amount,
        )

        return payout
