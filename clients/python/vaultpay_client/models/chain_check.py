from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChainCheck")


@_attrs_define
class ChainCheck:
    """
    Attributes:
        checked (int | Unset): Rows walked (up to the first broken one)
        first_broken_id (int | None | Unset): `id` of the first broken row
        valid (bool | Unset):
    """

    checked: int | Unset = UNSET
    first_broken_id: int | None | Unset = UNSET
    valid: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        checked = self.checked

        first_broken_id: int | None | Unset
        if isinstance(self.first_broken_id, Unset):
            first_broken_id = UNSET
        else:
            first_broken_id = self.first_broken_id

        valid = self.valid

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if checked is not UNSET:
            field_dict["checked"] = checked
        if first_broken_id is not UNSET:
            field_dict["first_broken_id"] = first_broken_id
        if valid is not UNSET:
            field_dict["valid"] = valid

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        checked = d.pop("checked", UNSET)

        def _parse_first_broken_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        first_broken_id = _parse_first_broken_id(d.pop("first_broken_id", UNSET))

        valid = d.pop("valid", UNSET)

        chain_check = cls(
            checked=checked,
            first_broken_id=first_broken_id,
            valid=valid,
        )

        return chain_check
