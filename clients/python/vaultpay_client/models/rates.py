from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rate import Rate


T = TypeVar("T", bound="Rates")


@_attrs_define
class Rates:
    """
    Attributes:
        currencies (list[str] | Unset):  Example: ['INR', 'USD', 'EUR'].
        quote_validity_s (float | Unset):  Example: 60.
        rates (list[Rate] | Unset):
    """

    currencies: list[str] | Unset = UNSET
    quote_validity_s: float | Unset = UNSET
    rates: list[Rate] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        currencies: list[str] | Unset = UNSET
        if not isinstance(self.currencies, Unset):
            currencies = self.currencies

        quote_validity_s = self.quote_validity_s

        rates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rates, Unset):
            rates = []
            for rates_item_data in self.rates:
                rates_item = rates_item_data.to_dict()
                rates.append(rates_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if currencies is not UNSET:
            field_dict["currencies"] = currencies
        if quote_validity_s is not UNSET:
            field_dict["quote_validity_s"] = quote_validity_s
        if rates is not UNSET:
            field_dict["rates"] = rates

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rate import Rate  # noqa: PLC0415

        d = dict(src_dict)
        currencies = cast(list[str], d.pop("currencies", UNSET))

        quote_validity_s = d.pop("quote_validity_s", UNSET)

        _rates = d.pop("rates", UNSET)
        rates: list[Rate] | Unset = UNSET
        if _rates is not UNSET:
            rates = []
            for rates_item_data in _rates:
                rates_item = Rate.from_dict(rates_item_data)

                rates.append(rates_item)

        rates = cls(
            currencies=currencies,
            quote_validity_s=quote_validity_s,
            rates=rates,
        )

        return rates
