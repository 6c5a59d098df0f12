from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transaction import Transaction


T = TypeVar("T", bound="OperationResult")


@_attrs_define
class OperationResult:
    """
    Attributes:
        hold_id (UUID | Unset): Operations on a hold only (hold, capture, void, expire): the hold (GET /holds/{hold_id})
        reference_id (str | Unset):
        transactions (list[Transaction] | Unset):
    """

    hold_id: UUID | Unset = UNSET
    reference_id: str | Unset = UNSET
    transactions: list[Transaction] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        hold_id: str | Unset = UNSET
        if not isinstance(self.hold_id, Unset):
            hold_id = str(self.hold_id)

        reference_id = self.reference_id

        transactions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.transactions, Unset):
            transactions = []
            for transactions_item_data in self.transactions:
                transactions_item = transactions_item_data.to_dict()
                transactions.append(transactions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id
        if transactions is not UNSET:
            field_dict["transactions"] = transactions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transaction import Transaction  # noqa: PLC0415

        d = dict(src_dict)
        _hold_id = d.pop("hold_id", UNSET)
        hold_id: UUID | Unset
        if isinstance(_hold_id, Unset):
            hold_id = UNSET
        else:
            hold_id = UUID(_hold_id)

        reference_id = d.pop("reference_id", UNSET)

        _transactions = d.pop("transactions", UNSET)
        transactions: list[Transaction] | Unset = UNSET
        if _transactions is not UNSET:
            transactions = []
            for transactions_item_data in _transactions:
                transactions_item = Transaction.from_dict(transactions_item_data)

                transactions.append(transactions_item)

        operation_result = cls(
            hold_id=hold_id,
            reference_id=reference_id,
            transactions=transactions,
        )

        return operation_result
