from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PinValid")


@_attrs_define
class PinValid:
    """
    Attributes:
        valid (bool | Unset):  Example: True.
    """

    valid: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        valid = self.valid

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if valid is not UNSET:
            field_dict["valid"] = valid

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        valid = d.pop("valid", UNSET)

        pin_valid = cls(
            valid=valid,
        )

        return pin_valid
