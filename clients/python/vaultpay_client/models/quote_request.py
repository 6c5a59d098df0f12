from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="QuoteRequest")


@_attrs_define
class QuoteRequest:
    """
    Attributes:
        from_currency (str):  Example: INR.
        to_currency (str):  Example: USD.
        source_amount (str | Unset): What you pay, in from_currency (give this or target_amount) Example: 250.00.
        target_amount (str | Unset): What the recipient gets, in to_currency (give this or source_amount) Example:
            250.00.
    """

    from_currency: str
    to_currency: str
    source_amount: str | Unset = UNSET
    target_amount: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_currency = self.from_currency

        to_currency = self.to_currency

        source_amount = self.source_amount

        target_amount = self.target_amount

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from_currency": from_currency,
                "to_currency": to_currency,
            }
        )
        if source_amount is not UNSET:
            field_dict["source_amount"] = source_amount
        if target_amount is not UNSET:
            field_dict["target_amount"] = target_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_currency = d.pop("from_currency")

        to_currency = d.pop("to_currency")

        source_amount = d.pop("source_amount", UNSET)

        target_amount = d.pop("target_amount", UNSET)

        quote_request = cls(
            from_currency=from_currency,
            to_currency=to_currency,
            source_amount=source_amount,
            target_amount=target_amount,
        )

        return quote_request
