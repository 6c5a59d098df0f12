from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetPin")


@_attrs_define
class SetPin:
    """
    Attributes:
        confirm_pin (str):  Example: 4826.
        pin (str):  Example: 4826.
    """

    confirm_pin: str
    pin: str

    def to_dict(self) -> dict[str, Any]:
        confirm_pin = self.confirm_pin

        pin = self.pin

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "confirm_pin": confirm_pin,
                "pin": pin,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        confirm_pin = d.pop("confirm_pin")

        pin = d.pop("pin")

        set_pin = cls(
            confirm_pin=confirm_pin,
            pin=pin,
        )

        return set_pin
