from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PinStatus")


@_attrs_define
class PinStatus:
    """
    Attributes:
        pin_set (bool | Unset):  Example: True.
    """

    pin_set: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        pin_set = self.pin_set

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if pin_set is not UNSET:
            field_dict["pin_set"] = pin_set

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pin_set = d.pop("pin_set", UNSET)

        pin_status = cls(
            pin_set=pin_set,
        )

        return pin_status
