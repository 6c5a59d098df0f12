from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transaction import Transaction


T = TypeVar("T", bound="OperationResult")


@_attrs_define
class OperationResult:
    """
    Attributes:
        reference_id (str | Unset):
        transactions (list[Transaction] | Unset):
    """

    reference_id: str | Unset = UNSET
    transactions: list[Transaction] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reference_id = self.reference_id

        transactions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.transactions, Unset):
            transactions = []
            for transactions_item_data in self.transactions:
                transactions_item = transactions_item_data.to_dict()
                transactions.append(transactions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id
        if transactions is not UNSET:
            field_dict["transactions"] = transactions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transaction import Transaction  # noqa: PLC0415

        d = dict(src_dict)
        reference_id = d.pop("reference_id", UNSET)

        _transactions = d.pop("transactions", UNSET)
        transactions: list[Transaction] | Unset = UNSET
        if _transactions is not UNSET:
            transactions = []
            for transactions_item_data in _transactions:
                transactions_item = Transaction.from_dict(transactions_item_data)

                transactions.append(transactions_item)

        operation_result = cls(
            reference_id=reference_id,
            transactions=transactions,
        )

        return operation_result
