from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Marked")


@_attrs_define
class Marked:
    """
    Attributes:
        marked (int | Unset): How many notifications were unread
    """

    marked: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        marked = self.marked

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if marked is not UNSET:
            field_dict["marked"] = marked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        marked = d.pop("marked", UNSET)

        marked = cls(
            marked=marked,
        )

        return marked
