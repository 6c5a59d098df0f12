from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ResetPin")


@_attrs_define
class ResetPin:
    """
    Attributes:
        confirm_new_pin (str):  Example: 4826.
        new_pin (str):  Example: 4826.
        token (str): The code from the PIN reset email Example: k3J9xQ2mVb7T.
    """

    confirm_new_pin: str
    new_pin: str
    token: str

    def to_dict(self) -> dict[str, Any]:
        confirm_new_pin = self.confirm_new_pin

        new_pin = self.new_pin

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "confirm_new_pin": confirm_new_pin,
                "new_pin": new_pin,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        confirm_new_pin = d.pop("confirm_new_pin")

        new_pin = d.pop("new_pin")

        token = d.pop("token")

        reset_pin = cls(
            confirm_new_pin=confirm_new_pin,
            new_pin=new_pin,
            token=token,
        )

        return reset_pin
