from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PlaceHold")


@_attrs_define
class PlaceHold:
    """
    Attributes:
        amount (str):  Example: 250.00.
        payee_wallet_id (str): The wallet the money is reserved for (a merchant) Example: VPY-M4X8TZ.
        pin (str):  Example: 4826.
        description (None | str | Unset):  Example: Hotel booking #4471.
        expires_in_s (int | Unset): Seconds until the hold expires uncaptured (60..2592000) Default: 86400. Example:
            86400.
    """

    amount: str
    payee_wallet_id: str
    pin: str
    description: None | str | Unset = UNSET
    expires_in_s: int | Unset = 86400

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        payee_wallet_id = self.payee_wallet_id

        pin = self.pin

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        expires_in_s = self.expires_in_s

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "payee_wallet_id": payee_wallet_id,
                "pin": pin,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if expires_in_s is not UNSET:
            field_dict["expires_in_s"] = expires_in_s

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        payee_wallet_id = d.pop("payee_wallet_id")

        pin = d.pop("pin")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        expires_in_s = d.pop("expires_in_s", UNSET)

        place_hold = cls(
            amount=amount,
            payee_wallet_id=payee_wallet_id,
            pin=pin,
            description=description,
            expires_in_s=expires_in_s,
        )

        return place_hold
