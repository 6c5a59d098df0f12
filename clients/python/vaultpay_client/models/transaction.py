from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.transaction_category import TransactionCategory
from ..models.transaction_type import TransactionType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transaction_metadata import TransactionMetadata


T = TypeVar("T", bound="Transaction")


@_attrs_define
class Transaction:
    """
    Attributes:
        amount (str | Unset):  Example: 250.00.
        balance_after (str | Unset):  Example: 250.00.
        category (TransactionCategory | Unset):
        counterparty_wallet_id (None | str | Unset):
        created_at (datetime.datetime | Unset):
        currency (str | Unset):
        description (None | str | Unset):
        metadata (TransactionMetadata | Unset):
        operation_id (UUID | Unset):
        reference_id (str | Unset):  Example: VP-TXN-7Q2M9K4ZP1.
        status (str | Unset):
        transaction_id (UUID | Unset):
        type_ (TransactionType | Unset):
        wallet_id (str | Unset):
    """

    amount: str | Unset = UNSET
    balance_after: str | Unset = UNSET
    category: TransactionCategory | Unset = UNSET
    counterparty_wallet_id: None | str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currency: str | Unset = UNSET
    description: None | str | Unset = UNSET
    metadata: TransactionMetadata | Unset = UNSET
    operation_id: UUID | Unset = UNSET
    reference_id: str | Unset = UNSET
    status: str | Unset = UNSET
    transaction_id: UUID | Unset = UNSET
    type_: TransactionType | Unset = UNSET
    wallet_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        balance_after = self.balance_after

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category.value

        counterparty_wallet_id: None | str | Unset
        if isinstance(self.counterparty_wallet_id, Unset):
            counterparty_wallet_id = UNSET
        else:
            counterparty_wallet_id = self.counterparty_wallet_id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currency = self.currency

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        operation_id: str | Unset = UNSET
        if not isinstance(self.operation_id, Unset):
            operation_id = str(self.operation_id)

        reference_id = self.reference_id

        status = self.status

        transaction_id: str | Unset = UNSET
        if not isinstance(self.transaction_id, Unset):
            transaction_id = str(self.transaction_id)

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        wallet_id = self.wallet_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if balance_after is not UNSET:
            field_dict["balance_after"] = balance_after
        if category is not UNSET:
            field_dict["category"] = category
        if counterparty_wallet_id is not UNSET:
            field_dict["counterparty_wallet_id"] = counterparty_wallet_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if currency is not UNSET:
            field_dict["currency"] = currency
        if description is not UNSET:
            field_dict["description"] = description
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if operation_id is not UNSET:
            field_dict["operation_id"] = operation_id
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id
        if status is not UNSET:
            field_dict["status"] = status
        if transaction_id is not UNSET:
            field_dict["transaction_id"] = transaction_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if wallet_id is not UNSET:
            field_dict["wallet_id"] = wallet_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transaction_metadata import TransactionMetadata  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        balance_after = d.pop("balance_after", UNSET)

        _category = d.pop("category", UNSET)
        category: TransactionCategory | Unset
        if isinstance(_category, Unset):
            category = UNSET
        else:
            category = TransactionCategory(_category)

        def _parse_counterparty_wallet_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        counterparty_wallet_id = _parse_counterparty_wallet_id(d.pop("counterparty_wallet_id", UNSET))

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        currency = d.pop("currency", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: TransactionMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = TransactionMetadata.from_dict(_metadata)

        _operation_id = d.pop("operation_id", UNSET)
        operation_id: UUID | Unset
        if isinstance(_operation_id, Unset):
            operation_id = UNSET
        else:
            operation_id = UUID(_operation_id)

        reference_id = d.pop("reference_id", UNSET)

        status = d.pop("status", UNSET)

        _transaction_id = d.pop("transaction_id", UNSET)
        transaction_id: UUID | Unset
        if isinstance(_transaction_id, Unset):
            transaction_id = UNSET
        else:
            transaction_id = UUID(_transaction_id)

        _type_ = d.pop("type", UNSET)
        type_: TransactionType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = TransactionType(_type_)

        wallet_id = d.pop("wallet_id", UNSET)

        transaction = cls(
            amount=amount,
            balance_after=balance_after,
            category=category,
            counterparty_wallet_id=counterparty_wallet_id,
            created_at=created_at,
            currency=currency,
            description=description,
            metadata=metadata,
            operation_id=operation_id,
            reference_id=reference_id,
            status=status,
            transaction_id=transaction_id,
            type_=type_,
            wallet_id=wallet_id,
        )

        return transaction
