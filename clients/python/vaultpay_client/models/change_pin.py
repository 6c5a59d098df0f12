from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ChangePin")


@_attrs_define
class ChangePin:
    """
    Attributes:
        confirm_new_pin (str):  Example: 4826.
        current_pin (str):  Example: 4826.
        new_pin (str):  Example: 4826.
    """

    confirm_new_pin: str
    current_pin: str
    new_pin: str

    def to_dict(self) -> dict[str, Any]:
        confirm_new_pin = self.confirm_new_pin

        current_pin = self.current_pin

        new_pin = self.new_pin

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "confirm_new_pin": confirm_new_pin,
                "current_pin": current_pin,
                "new_pin": new_pin,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        confirm_new_pin = d.pop("confirm_new_pin")

        current_pin = d.pop("current_pin")

        new_pin = d.pop("new_pin")

        change_pin = cls(
            confirm_new_pin=confirm_new_pin,
            current_pin=current_pin,
            new_pin=new_pin,
        )

        return change_pin
