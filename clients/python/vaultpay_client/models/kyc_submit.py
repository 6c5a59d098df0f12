from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.kyc_submit_doc_type import KycSubmitDocType

T = TypeVar("T", bound="KycSubmit")


@_attrs_define
class KycSubmit:
    """
    Attributes:
        doc_number (str): Validated per type; spaces and hyphens are ignored. Aadhaar: 12 digits, Verhoeff check digit,
            not starting with 0 or 1. PAN: ABCDE1234F. Passport: J8369854. Driving licence: MH14 2011 0062821. Voter id:
            ABC1234567. Example: 2345 6789 0124.
        doc_type (KycSubmitDocType): `aadhar` (the seed's spelling) is accepted and stored as `aadhaar` Example:
            aadhaar.
    """

    doc_number: str
    doc_type: KycSubmitDocType

    def to_dict(self) -> dict[str, Any]:
        doc_number = self.doc_number

        doc_type = self.doc_type.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "doc_number": doc_number,
                "doc_type": doc_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        doc_number = d.pop("doc_number")

        doc_type = KycSubmitDocType(d.pop("doc_type"))

        kyc_submit = cls(
            doc_number=doc_number,
            doc_type=doc_type,
        )

        return kyc_submit
