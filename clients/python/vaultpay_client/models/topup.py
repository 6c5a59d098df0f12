from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.topup_payment_method import TopupPaymentMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.topup_metadata import TopupMetadata


T = TypeVar("T", bound="Topup")


@_attrs_define
class Topup:
    """
    Attributes:
        amount (str):  Example: 250.00.
        payment_method (TopupPaymentMethod):
        metadata (TopupMetadata | Unset): At most 20 flat keys, kept with the rows Example: {'order_id': 'A-1001'}.
    """

    amount: str
    payment_method: TopupPaymentMethod
    metadata: TopupMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        payment_method = self.payment_method.value

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "payment_method": payment_method,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.topup_metadata import TopupMetadata  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        payment_method = TopupPaymentMethod(d.pop("payment_method"))

        _metadata = d.pop("metadata", UNSET)
        metadata: TopupMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = TopupMetadata.from_dict(_metadata)

        topup = cls(
            amount=amount,
            payment_method=payment_method,
            metadata=metadata,
        )

        return topup
