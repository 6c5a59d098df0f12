from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminBalance")


@_attrs_define
class AdminBalance:
    """
    Attributes:
        at (datetime.datetime | Unset): The instant asked for, or now
        balance (str | Unset): The balance as of `at`, from the ledger Example: 250.00.
        currency (str | Unset):  Example: INR.
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.
    """

    at: datetime.datetime | Unset = UNSET
    balance: str | Unset = UNSET
    currency: str | Unset = UNSET
    wallet_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        balance = self.balance

        currency = self.currency

        wallet_id = self.wallet_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if at is not UNSET:
            field_dict["at"] = at
        if balance is not UNSET:
            field_dict["balance"] = balance
        if currency is not UNSET:
            field_dict["currency"] = currency
        if wallet_id is not UNSET:
            field_dict["wallet_id"] = wallet_id

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

        balance = d.pop("balance", UNSET)

        currency = d.pop("currency", UNSET)

        wallet_id = d.pop("wallet_id", UNSET)

        admin_balance = cls(
            at=at,
            balance=balance,
            currency=currency,
            wallet_id=wallet_id,
        )

        return admin_balance
