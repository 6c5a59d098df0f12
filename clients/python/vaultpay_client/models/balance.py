from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Balance")


@_attrs_define
class Balance:
    """
    Attributes:
        at (datetime.datetime | Unset): Only with `at`: the instant asked for
        available_balance (str | Unset): What can be spent now: the balance less active holds (API.md section 14) while
            the wallet is active, "0.00" while it is frozen or closed. Absent with `at` Example: 250.00.
        balance (str | Unset):  Example: 250.00.
        currency (str | Unset):  Example: INR.
    """

    at: datetime.datetime | Unset = UNSET
    available_balance: str | Unset = UNSET
    balance: str | Unset = UNSET
    currency: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        available_balance = self.available_balance

        balance = self.balance

        currency = self.currency

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if at is not UNSET:
            field_dict["at"] = at
        if available_balance is not UNSET:
            field_dict["available_balance"] = available_balance
        if balance is not UNSET:
            field_dict["balance"] = balance
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _at = d.pop("at", UNSET)
        at: datetime.datetime | Unset
        if isinstance(_at, Unset):
            at = UNSET
        else:
            at = datetime.datetime.fromisoformat(_at)

        available_balance = d.pop("available_balance", UNSET)

        balance = d.pop("balance", UNSET)

        currency = d.pop("currency", UNSET)

        balance = cls(
            at=at,
            available_balance=available_balance,
            balance=balance,
            currency=currency,
        )

        return balance
