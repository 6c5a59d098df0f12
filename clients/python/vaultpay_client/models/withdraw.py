from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Withdraw")


@_attrs_define
class Withdraw:
    """
    Attributes:
        amount (str):  Example: 250.00.
        bank_account (str):  Example: 123456789012.
        ifsc (str):  Example: HDFC0001234.
        pin (str):  Example: 4826.
    """

    amount: str
    bank_account: str
    ifsc: str
    pin: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        bank_account = self.bank_account

        ifsc = self.ifsc

        pin = self.pin

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "bank_account": bank_account,
                "ifsc": ifsc,
                "pin": pin,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        bank_account = d.pop("bank_account")

        ifsc = d.pop("ifsc")

        pin = d.pop("pin")

        withdraw = cls(
            amount=amount,
            bank_account=bank_account,
            ifsc=ifsc,
            pin=pin,
        )

        return withdraw
