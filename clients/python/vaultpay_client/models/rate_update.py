from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RateUpdate")


@_attrs_define
class RateUpdate:
    """
    Attributes:
        rate (str):  Example: 83.125.
        spread_bps (int): Margin taken from the mid rate, in basis points (1/100 of a percent) Example: 50.
    """

    rate: str
    spread_bps: int

    def to_dict(self) -> dict[str, Any]:
        rate = self.rate

        spread_bps = self.spread_bps

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rate": rate,
                "spread_bps": spread_bps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rate = d.pop("rate")

        spread_bps = d.pop("spread_bps")

        rate_update = cls(
            rate=rate,
            spread_bps=spread_bps,
        )

        return rate_update
