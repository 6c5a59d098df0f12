from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Send")


@_attrs_define
class Send:
    """
    Attributes:
        amount (str):  Example: 250.00.
        pin (str):  Example: 4826.
        recipient_wallet_id (str):  Example: VPY-M4X8TZ.
        description (None | str | Unset):
        quote_id (UUID | Unset): Required when the recipient's wallet holds another currency: an unused, unexpired quote
            of yours (POST /fx/quotes) from your wallet's currency to the recipient's, whose source_amount equals amount
            Example: 3f2b8c1e-5d6a-4b7c-9e8f-0a1b2c3d4e5f.
    """

    amount: str
    pin: str
    recipient_wallet_id: str
    description: None | str | Unset = UNSET
    quote_id: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        pin = self.pin

        recipient_wallet_id = self.recipient_wallet_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        quote_id: str | Unset = UNSET
        if not isinstance(self.quote_id, Unset):
            quote_id = str(self.quote_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "pin": pin,
                "recipient_wallet_id": recipient_wallet_id,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if quote_id is not UNSET:
            field_dict["quote_id"] = quote_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        pin = d.pop("pin")

        recipient_wallet_id = d.pop("recipient_wallet_id")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _quote_id = d.pop("quote_id", UNSET)
        quote_id: UUID | Unset
        if isinstance(_quote_id, Unset):
            quote_id = UNSET
        else:
            quote_id = UUID(_quote_id)

        send = cls(
            amount=amount,
            pin=pin,
            recipient_wallet_id=recipient_wallet_id,
            description=description,
            quote_id=quote_id,
        )

        return send
