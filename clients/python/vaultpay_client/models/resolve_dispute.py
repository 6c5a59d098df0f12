from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.resolve_dispute_resolution import ResolveDisputeResolution
from ..types import UNSET, Unset

T = TypeVar("T", bound="ResolveDispute")


@_attrs_define
class ResolveDispute:
    """
    Attributes:
        resolution (ResolveDisputeResolution):
        resolution_notes (str):  Example: Merchant confirmed non-delivery.
        refund_amount (str | Unset): Only with `refund`; defaults to everything still refundable Example: 250.00.
    """

    resolution: ResolveDisputeResolution
    resolution_notes: str
    refund_amount: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        resolution = self.resolution.value

        resolution_notes = self.resolution_notes

        refund_amount = self.refund_amount

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "resolution": resolution,
                "resolution_notes": resolution_notes,
            }
        )
        if refund_amount is not UNSET:
            field_dict["refund_amount"] = refund_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        resolution = ResolveDisputeResolution(d.pop("resolution"))

        resolution_notes = d.pop("resolution_notes")

        refund_amount = d.pop("refund_amount", UNSET)

        resolve_dispute = cls(
            resolution=resolution,
            resolution_notes=resolution_notes,
            refund_amount=refund_amount,
        )

        return resolve_dispute
