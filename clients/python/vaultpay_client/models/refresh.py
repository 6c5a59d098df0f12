from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Refresh")


@_attrs_define
class Refresh:
    """
    Attributes:
        refresh_token (str): The refresh_token from login or the previous refresh Example:
            eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9....
    """

    refresh_token: str

    def to_dict(self) -> dict[str, Any]:
        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "refresh_token": refresh_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        refresh_token = d.pop("refresh_token")

        refresh = cls(
            refresh_token=refresh_token,
        )

        return refresh
