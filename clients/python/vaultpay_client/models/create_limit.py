from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.create_limit_action import CreateLimitAction
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateLimit")


@_attrs_define
class CreateLimit:
    """
    Attributes:
        action (CreateLimitAction):  Example: send_money.
        daily_limit (str | Unset):  Example: 250.00.
        monthly_limit (str | Unset):  Example: 250.00.
        per_transaction_limit (str | Unset):  Example: 250.00.
    """

    action: CreateLimitAction
    daily_limit: str | Unset = UNSET
    monthly_limit: str | Unset = UNSET
    per_transaction_limit: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        daily_limit = self.daily_limit

        monthly_limit = self.monthly_limit

        per_transaction_limit = self.per_transaction_limit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
            }
        )
        if daily_limit is not UNSET:
            field_dict["daily_limit"] = daily_limit
        if monthly_limit is not UNSET:
            field_dict["monthly_limit"] = monthly_limit
        if per_transaction_limit is not UNSET:
            field_dict["per_transaction_limit"] = per_transaction_limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = CreateLimitAction(d.pop("action"))

        daily_limit = d.pop("daily_limit", UNSET)

        monthly_limit = d.pop("monthly_limit", UNSET)

        per_transaction_limit = d.pop("per_transaction_limit", UNSET)

        create_limit = cls(
            action=action,
            daily_limit=daily_limit,
            monthly_limit=monthly_limit,
            per_transaction_limit=per_transaction_limit,
        )

        return create_limit
