from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateWallet")


@_attrs_define
class CreateWallet:
    """
    Attributes:
        currency (str | Unset): ISO 4217 code from the configured list Default: 'INR'. Example: INR.
    """

    currency: str | Unset = "INR"

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency", UNSET)

        create_wallet = cls(
            currency=currency,
        )

        return create_wallet
