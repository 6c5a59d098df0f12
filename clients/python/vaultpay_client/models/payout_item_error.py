from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PayoutItemError")


@_attrs_define
class PayoutItemError:
    """
    Attributes:
        error_code (str | Unset):  Example: INSUFFICIENT_BALANCE.
        message (str | Unset):
    """

    error_code: str | Unset = UNSET
    message: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        error_code = self.error_code

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error_code = d.pop("error_code", UNSET)

        message = d.pop("message", UNSET)

        payout_item_error = cls(
            error_code=error_code,
            message=message,
        )

        return payout_item_error
