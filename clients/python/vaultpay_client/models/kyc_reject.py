from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="KycReject")


@_attrs_define
class KycReject:
    """
    Attributes:
        rejection_reason (str): Shown to the user and emailed; must not contain the document number Example: The name on
            the document does not match the account.
    """

    rejection_reason: str

    def to_dict(self) -> dict[str, Any]:
        rejection_reason = self.rejection_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rejection_reason": rejection_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rejection_reason = d.pop("rejection_reason")

        kyc_reject = cls(
            rejection_reason=rejection_reason,
        )

        return kyc_reject
