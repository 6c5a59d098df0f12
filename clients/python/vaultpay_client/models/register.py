from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Register")


@_attrs_define
class Register:
    """
    Attributes:
        email (str):  Example: ravi@example.com.
        full_name (str):  Example: Ravi Gupta.
        password (str): At least 10 characters, at most 72 bytes Example: correct-horse-42.
    """

    email: str
    full_name: str
    password: str

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        full_name = self.full_name

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "full_name": full_name,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        full_name = d.pop("full_name")

        password = d.pop("password")

        register = cls(
            email=email,
            full_name=full_name,
            password=password,
        )

        return register
