from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PinReset")


@_attrs_define
class PinReset:
    """
    Attributes:
        pin_set (bool | Unset):  Example: True.
        unlocked (bool | Unset): True when the reset lifted a PIN-lockout freeze Example: False.
    """

    pin_set: bool | Unset = UNSET
    unlocked: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        pin_set = self.pin_set

        unlocked = self.unlocked

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if pin_set is not UNSET:
            field_dict["pin_set"] = pin_set
        if unlocked is not UNSET:
            field_dict["unlocked"] = unlocked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pin_set = d.pop("pin_set", UNSET)

        unlocked = d.pop("unlocked", UNSET)

        pin_reset = cls(
            pin_set=pin_set,
            unlocked=unlocked,
        )

        return pin_reset
