from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminRate")


@_attrs_define
class AdminRate:
    """
    Attributes:
        base (str | Unset):  Example: USD.
        quote (str | Unset):  Example: INR.
        rate (str | Unset):  Example: 83.125.
        spread_bps (int | Unset):  Example: 50.
        updated_at (datetime.datetime | Unset):
        updated_by (None | Unset | UUID):
    """

    base: str | Unset = UNSET
    quote: str | Unset = UNSET
    rate: str | Unset = UNSET
    spread_bps: int | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        quote = self.quote

        rate = self.rate

        spread_bps = self.spread_bps

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        updated_by: None | str | Unset
        if isinstance(self.updated_by, Unset):
            updated_by = UNSET
        elif isinstance(self.updated_by, UUID):
            updated_by = str(self.updated_by)
        else:
            updated_by = self.updated_by

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if base is not UNSET:
            field_dict["base"] = base
        if quote is not UNSET:
            field_dict["quote"] = quote
        if rate is not UNSET:
            field_dict["rate"] = rate
        if spread_bps is not UNSET:
            field_dict["spread_bps"] = spread_bps
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if updated_by is not UNSET:
            field_dict["updated_by"] = updated_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base", UNSET)

        quote = d.pop("quote", UNSET)

        rate = d.pop("rate", UNSET)

        spread_bps = d.pop("spread_bps", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

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

        admin_rate = cls(
            base=base,
            quote=quote,
            rate=rate,
            spread_bps=spread_bps,
            updated_at=updated_at,
            updated_by=updated_by,
        )

        return admin_rate
