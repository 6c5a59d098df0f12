from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Setting")


@_attrs_define
class Setting:
    """
    Attributes:
        default (Any | Unset):
        description (str | Unset):
        is_default (bool | Unset): True while nobody has set it
        key (str | Unset):  Example: limits.tier0.send_money.
        type_ (str | Unset):  Example: limits.
        updated_at (datetime.datetime | None | Unset):
        updated_by (None | Unset | UUID):
        value (Any | Unset): JSON value of the setting's type
    """

    default: Any | Unset = UNSET
    description: str | Unset = UNSET
    is_default: bool | Unset = UNSET
    key: str | Unset = UNSET
    type_: str | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    updated_by: None | Unset | UUID = UNSET
    value: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        default = self.default

        description = self.description

        is_default = self.is_default

        key = self.key

        type_ = self.type_

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        updated_by: None | str | Unset
        if isinstance(self.updated_by, Unset):
            updated_by = UNSET
        elif isinstance(self.updated_by, UUID):
            updated_by = str(self.updated_by)
        else:
            updated_by = self.updated_by

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if default is not UNSET:
            field_dict["default"] = default
        if description is not UNSET:
            field_dict["description"] = description
        if is_default is not UNSET:
            field_dict["is_default"] = is_default
        if key is not UNSET:
            field_dict["key"] = key
        if type_ is not UNSET:
            field_dict["type"] = type_
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if updated_by is not UNSET:
            field_dict["updated_by"] = updated_by
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        default = d.pop("default", UNSET)

        description = d.pop("description", UNSET)

        is_default = d.pop("is_default", UNSET)

        key = d.pop("key", UNSET)

        type_ = d.pop("type", UNSET)

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        def _parse_updated_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_by_type_0 = UUID(data)

                return updated_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        updated_by = _parse_updated_by(d.pop("updated_by", UNSET))

        value = d.pop("value", UNSET)

        setting = cls(
            default=default,
            description=description,
            is_default=is_default,
            key=key,
            type_=type_,
            updated_at=updated_at,
            updated_by=updated_by,
            value=value,
        )

        return setting
