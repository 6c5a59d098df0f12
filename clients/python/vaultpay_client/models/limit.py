from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.limit_action import LimitAction
from ..models.limit_source import LimitSource
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.limit_values import LimitValues


T = TypeVar("T", bound="Limit")


@_attrs_define
class Limit:
    """
    Attributes:
        action (LimitAction | Unset):  Example: send_money.
        daily_limit (str | Unset):  Example: 250.00.
        monthly_limit (str | Unset):  Example: 250.00.
        per_transaction_limit (str | Unset):  Example: 250.00.
        remaining_this_month (str | Unset):  Example: 250.00.
        remaining_today (str | Unset):  Example: 250.00.
        source (LimitSource | Unset):
        tier_maximum (LimitValues | Unset):
        used_this_month (str | Unset):  Example: 250.00.
        used_today (str | Unset):  Example: 250.00.
    """

    action: LimitAction | Unset = UNSET
    daily_limit: str | Unset = UNSET
    monthly_limit: str | Unset = UNSET
    per_transaction_limit: str | Unset = UNSET
    remaining_this_month: str | Unset = UNSET
    remaining_today: str | Unset = UNSET
    source: LimitSource | Unset = UNSET
    tier_maximum: LimitValues | Unset = UNSET
    used_this_month: str | Unset = UNSET
    used_today: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value

        daily_limit = self.daily_limit

        monthly_limit = self.monthly_limit

        per_transaction_limit = self.per_transaction_limit

        remaining_this_month = self.remaining_this_month

        remaining_today = self.remaining_today

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value

        tier_maximum: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tier_maximum, Unset):
            tier_maximum = self.tier_maximum.to_dict()

        used_this_month = self.used_this_month

        used_today = self.used_today

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if daily_limit is not UNSET:
            field_dict["daily_limit"] = daily_limit
        if monthly_limit is not UNSET:
            field_dict["monthly_limit"] = monthly_limit
        if per_transaction_limit is not UNSET:
            field_dict["per_transaction_limit"] = per_transaction_limit
        if remaining_this_month is not UNSET:
            field_dict["remaining_this_month"] = remaining_this_month
        if remaining_today is not UNSET:
            field_dict["remaining_today"] = remaining_today
        if source is not UNSET:
            field_dict["source"] = source
        if tier_maximum is not UNSET:
            field_dict["tier_maximum"] = tier_maximum
        if used_this_month is not UNSET:
            field_dict["used_this_month"] = used_this_month
        if used_today is not UNSET:
            field_dict["used_today"] = used_today

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.limit_values import LimitValues  # noqa: PLC0415

        d = dict(src_dict)
        _action = d.pop("action", UNSET)
        action: LimitAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = LimitAction(_action)

        daily_limit = d.pop("daily_limit", UNSET)

        monthly_limit = d.pop("monthly_limit", UNSET)

        per_transaction_limit = d.pop("per_transaction_limit", UNSET)

        remaining_this_month = d.pop("remaining_this_month", UNSET)

        remaining_today = d.pop("remaining_today", UNSET)

        _source = d.pop("source", UNSET)
        source: LimitSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = LimitSource(_source)

        _tier_maximum = d.pop("tier_maximum", UNSET)
        tier_maximum: LimitValues | Unset
        if isinstance(_tier_maximum, Unset):
            tier_maximum = UNSET
        else:
            tier_maximum = LimitValues.from_dict(_tier_maximum)

        used_this_month = d.pop("used_this_month", UNSET)

        used_today = d.pop("used_today", UNSET)

        limit = cls(
            action=action,
            daily_limit=daily_limit,
            monthly_limit=monthly_limit,
            per_transaction_limit=per_transaction_limit,
            remaining_this_month=remaining_this_month,
            remaining_today=remaining_today,
            source=source,
            tier_maximum=tier_maximum,
            used_this_month=used_this_month,
            used_today=used_today,
        )

        return limit
