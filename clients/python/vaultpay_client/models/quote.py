from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Quote")


@_attrs_define
class Quote:
    """
    Attributes:
        created_at (datetime.datetime | Unset):
        expires_at (datetime.datetime | Unset):
        from_currency (str | Unset):  Example: INR.
        quote_id (UUID | Unset):
        rate (str | Unset): Units of to_currency one unit of from_currency buys, spread included Example: 83.125.
        source_amount (str | Unset):  Example: 250.00.
        target_amount (str | Unset):  Example: 250.00.
        to_currency (str | Unset):  Example: USD.
    """

    created_at: datetime.datetime | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    from_currency: str | Unset = UNSET
    quote_id: UUID | Unset = UNSET
    rate: str | Unset = UNSET
    source_amount: str | Unset = UNSET
    target_amount: str | Unset = UNSET
    to_currency: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        from_currency = self.from_currency

        quote_id: str | Unset = UNSET
        if not isinstance(self.quote_id, Unset):
            quote_id = str(self.quote_id)

        rate = self.rate

        source_amount = self.source_amount

        target_amount = self.target_amount

        to_currency = self.to_currency

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if from_currency is not UNSET:
            field_dict["from_currency"] = from_currency
        if quote_id is not UNSET:
            field_dict["quote_id"] = quote_id
        if rate is not UNSET:
            field_dict["rate"] = rate
        if source_amount is not UNSET:
            field_dict["source_amount"] = source_amount
        if target_amount is not UNSET:
            field_dict["target_amount"] = target_amount
        if to_currency is not UNSET:
            field_dict["to_currency"] = to_currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        from_currency = d.pop("from_currency", UNSET)

        _quote_id = d.pop("quote_id", UNSET)
        quote_id: UUID | Unset
        if isinstance(_quote_id, Unset):
            quote_id = UNSET
        else:
            quote_id = UUID(_quote_id)

        rate = d.pop("rate", UNSET)

        source_amount = d.pop("source_amount", UNSET)

        target_amount = d.pop("target_amount", UNSET)

        to_currency = d.pop("to_currency", UNSET)

        quote = cls(
            created_at=created_at,
            expires_at=expires_at,
            from_currency=from_currency,
            quote_id=quote_id,
            rate=rate,
            source_amount=source_amount,
            target_amount=target_amount,
            to_currency=to_currency,
        )

        return quote
