from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PayoutItem")


@_attrs_define
class PayoutItem:
    """
    Attributes:
        amount (str):  Example: 250.00.
        recipient_wallet_id (str):  Example: VPY-M4X8TZ.
        reference (None | str | Unset): Yours, shown to the recipient and kept with the ledger rows Example:
            salary-2026-11-0042.
    """

    amount: str
    recipient_wallet_id: str
    reference: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        recipient_wallet_id = self.recipient_wallet_id

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "recipient_wallet_id": recipient_wallet_id,
            }
        )
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        recipient_wallet_id = d.pop("recipient_wallet_id")

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        payout_item = cls(
            amount=amount,
            recipient_wallet_id=recipient_wallet_id,
            reference=reference,
        )

        return payout_item
