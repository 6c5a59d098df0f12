from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.kyc_submitted_doc_type import KycSubmittedDocType
from ..models.kyc_submitted_status import KycSubmittedStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="KycSubmitted")


@_attrs_define
class KycSubmitted:
    """
    Attributes:
        doc_number_masked (str | Unset): Only the last four characters are shown Example: XXXX XXXX 9012.
        doc_type (KycSubmittedDocType | Unset):  Example: aadhaar.
        status (KycSubmittedStatus | Unset):
        submission_id (UUID | Unset):
        submitted_at (datetime.datetime | Unset):
    """

    doc_number_masked: str | Unset = UNSET
    doc_type: KycSubmittedDocType | Unset = UNSET
    status: KycSubmittedStatus | Unset = UNSET
    submission_id: UUID | Unset = UNSET
    submitted_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        doc_number_masked = self.doc_number_masked

        doc_type: str | Unset = UNSET
        if not isinstance(self.doc_type, Unset):
            doc_type = self.doc_type.value

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        submission_id: str | Unset = UNSET
        if not isinstance(self.submission_id, Unset):
            submission_id = str(self.submission_id)

        submitted_at: str | Unset = UNSET
        if not isinstance(self.submitted_at, Unset):
            submitted_at = self.submitted_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if doc_number_masked is not UNSET:
            field_dict["doc_number_masked"] = doc_number_masked
        if doc_type is not UNSET:
            field_dict["doc_type"] = doc_type
        if status is not UNSET:
            field_dict["status"] = status
        if submission_id is not UNSET:
            field_dict["submission_id"] = submission_id
        if submitted_at is not UNSET:
            field_dict["submitted_at"] = submitted_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        doc_number_masked = d.pop("doc_number_masked", UNSET)

        _doc_type = d.pop("doc_type", UNSET)
        doc_type: KycSubmittedDocType | Unset
        if isinstance(_doc_type, Unset):
            doc_type = UNSET
        else:
            doc_type = KycSubmittedDocType(_doc_type)

        _status = d.pop("status", UNSET)
        status: KycSubmittedStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = KycSubmittedStatus(_status)

        _submission_id = d.pop("submission_id", UNSET)
        submission_id: UUID | Unset
        if isinstance(_submission_id, Unset):
            submission_id = UNSET
        else:
            submission_id = UUID(_submission_id)

        _submitted_at = d.pop("submitted_at", UNSET)
        submitted_at: datetime.datetime | Unset
        if isinstance(_submitted_at, Unset):
            submitted_at = UNSET
        else:
            submitted_at = datetime.datetime.fromisoformat(_submitted_at)

        kyc_submitted = cls(
            doc_number_masked=doc_number_masked,
            doc_type=doc_type,
            status=status,
            submission_id=submission_id,
            submitted_at=submitted_at,
        )

        return kyc_submitted
