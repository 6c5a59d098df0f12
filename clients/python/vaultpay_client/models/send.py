from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

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
    """

    amount: str
    pin: str
    recipient_wallet_id: str
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        pin = self.pin

        recipient_wallet_id = self.recipient_wallet_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

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

        send = cls(
            amount=amount,
            pin=pin,
            recipient_wallet_id=recipient_wallet_id,
            description=description,
        )

        return send
