from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="RaiseDispute")


@_attrs_define
class RaiseDispute:
    """
    Attributes:
        reason (str):  Example: The seller never delivered the goods.
        transaction_id (UUID): One of your debit rows of a send or a withdrawal Example:
            3d6c1f0e-9a7b-4c2d-8e5f-1a2b3c4d5e6f.
    """

    reason: str
    transaction_id: UUID

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        transaction_id = str(self.transaction_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        transaction_id = UUID(d.pop("transaction_id"))

        raise_dispute = cls(
            reason=reason,
            transaction_id=transaction_id,
        )

        return raise_dispute
