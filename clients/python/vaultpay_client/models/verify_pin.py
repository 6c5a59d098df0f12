from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VerifyPin")


@_attrs_define
class VerifyPin:
    """
    Attributes:
        pin (str):  Example: 4826.
    """

    pin: str

    def to_dict(self) -> dict[str, Any]:
        pin = self.pin

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pin": pin,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pin = d.pop("pin")

        verify_pin = cls(
            pin=pin,
        )

        return verify_pin
