from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transaction import Transaction


T = TypeVar("T", bound="Statement")


@_attrs_define
class Statement:
    """
    Attributes:
        closing_balance (str | Unset): The balance when the last day ended (or now, for today): always opening_balance +
            total_credits - total_debits Example: 250.00.
        currency (str | Unset):  Example: INR.
        end_date (datetime.date | Unset):
        items (list[Transaction] | Unset): The ledger rows of the period, oldest first
        opening_balance (str | Unset): The balance when the first day began Example: 250.00.
        start_date (datetime.date | None | Unset): The first day, or null: from the wallet's first transaction
        total_credits (str | Unset): The sum of the credits listed Example: 250.00.
        total_debits (str | Unset): The sum of the debits listed Example: 250.00.
        wallet_id (str | Unset):
    """

    closing_balance: str | Unset = UNSET
    currency: str | Unset = UNSET
    end_date: datetime.date | Unset = UNSET
    items: list[Transaction] | Unset = UNSET
    opening_balance: str | Unset = UNSET
    start_date: datetime.date | None | Unset = UNSET
    total_credits: str | Unset = UNSET
    total_debits: str | Unset = UNSET
    wallet_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        closing_balance = self.closing_balance

        currency = self.currency

        end_date: str | Unset = UNSET
        if not isinstance(self.end_date, Unset):
            end_date = self.end_date.isoformat()

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        opening_balance = self.opening_balance

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        total_credits = self.total_credits

        total_debits = self.total_debits

        wallet_id = self.wallet_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if closing_balance is not UNSET:
            field_dict["closing_balance"] = closing_balance
        if currency is not UNSET:
            field_dict["currency"] = currency
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if items is not UNSET:
            field_dict["items"] = items
        if opening_balance is not UNSET:
            field_dict["opening_balance"] = opening_balance
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if total_credits is not UNSET:
            field_dict["total_credits"] = total_credits
        if total_debits is not UNSET:
            field_dict["total_debits"] = total_debits
        if wallet_id is not UNSET:
            field_dict["wallet_id"] = wallet_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transaction import Transaction  # noqa: PLC0415

        d = dict(src_dict)
        closing_balance = d.pop("closing_balance", UNSET)

        currency = d.pop("currency", UNSET)

        _end_date = d.pop("end_date", UNSET)
        end_date: datetime.date | Unset
        if isinstance(_end_date, Unset):
            end_date = UNSET
        else:
            end_date = datetime.date.fromisoformat(_end_date)

        _items = d.pop("items", UNSET)
        items: list[Transaction] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = Transaction.from_dict(items_item_data)

                items.append(items_item)

        opening_balance = d.pop("opening_balance", UNSET)

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        total_credits = d.pop("total_credits", UNSET)

        total_debits = d.pop("total_debits", UNSET)

        wallet_id = d.pop("wallet_id", UNSET)

        statement = cls(
            closing_balance=closing_balance,
            currency=currency,
            end_date=end_date,
            items=items,
            opening_balance=opening_balance,
            start_date=start_date,
            total_credits=total_credits,
            total_debits=total_debits,
            wallet_id=wallet_id,
        )

        return statement
