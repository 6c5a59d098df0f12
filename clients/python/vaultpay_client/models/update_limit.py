from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateLimit")


@_attrs_define
class UpdateLimit:
    """
    Attributes:
        daily_limit (str | Unset):  Example: 250.00.
        monthly_limit (str | Unset):  Example: 250.00.
        per_transaction_limit (str | Unset):  Example: 250.00.
    """

    daily_limit: str | Unset = UNSET
    monthly_limit: str | Unset = UNSET
    per_transaction_limit: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        daily_limit = self.daily_limit

        monthly_limit = self.monthly_limit

        per_transaction_limit = self.per_transaction_limit

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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
        daily_limit = d.pop("daily_limit", UNSET)

        monthly_limit = d.pop("monthly_limit", UNSET)

        per_transaction_limit = d.pop("per_transaction_limit", UNSET)

        update_limit = cls(
            daily_limit=daily_limit,
            monthly_limit=monthly_limit,
            per_transaction_limit=per_transaction_limit,
        )

        return update_limit
