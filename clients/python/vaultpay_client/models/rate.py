from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Rate")


@_attrs_define
class Rate:
    """
    Attributes:
        base (str | Unset):  Example: USD.
        customer_rate (str | Unset): What a quote from base to quote gets now Example: 83.125.
        quote (str | Unset):  Example: INR.
        rate (str | Unset): Mid rate: 1 base = rate quote Example: 83.125.
        spread_bps (int | Unset):  Example: 50.
        updated_at (datetime.datetime | Unset):
    """

    base: str | Unset = UNSET
    customer_rate: str | Unset = UNSET
    quote: str | Unset = UNSET
    rate: str | Unset = UNSET
    spread_bps: int | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        customer_rate = self.customer_rate

        quote = self.quote

        rate = self.rate

        spread_bps = self.spread_bps

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if base is not UNSET:
            field_dict["base"] = base
        if customer_rate is not UNSET:
            field_dict["customer_rate"] = customer_rate
        if quote is not UNSET:
            field_dict["quote"] = quote
        if rate is not UNSET:
            field_dict["rate"] = rate
        if spread_bps is not UNSET:
            field_dict["spread_bps"] = spread_bps
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base", UNSET)

        customer_rate = d.pop("customer_rate", UNSET)

        quote = d.pop("quote", UNSET)

        rate = d.pop("rate", UNSET)

        spread_bps = d.pop("spread_bps", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        rate = cls(
            base=base,
            customer_rate=customer_rate,
            quote=quote,
            rate=rate,
            spread_bps=spread_bps,
            updated_at=updated_at,
        )

        return rate
