from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.kyc_document_auto_check_status_type_1 import KycDocumentAutoCheckStatusType1
from ..models.kyc_document_auto_check_status_type_2_type_1 import KycDocumentAutoCheckStatusType2Type1
from ..models.kyc_document_auto_check_status_type_3_type_1 import KycDocumentAutoCheckStatusType3Type1
from ..models.kyc_document_doc_type import KycDocumentDocType
from ..models.kyc_document_review_state import KycDocumentReviewState
from ..models.kyc_document_status import KycDocumentStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="KycDocument")


@_attrs_define
class KycDocument:
    """
    Attributes:
        auto_check_notes (list[str] | Unset):
        auto_check_status (KycDocumentAutoCheckStatusType1 | KycDocumentAutoCheckStatusType2Type1 |
            KycDocumentAutoCheckStatusType3Type1 | None | Unset): Result of the automated checks; null until they have run
        auto_checked_at (datetime.datetime | None | Unset):
        doc_number (str | Unset): The decrypted number; every read writes a VIEWED_KYC_DOCUMENT audit row
        doc_number_masked (str | Unset): Only the last four characters are shown Example: XXXX XXXX 9012.
        doc_type (KycDocumentDocType | Unset):  Example: aadhaar.
        full_name (str | Unset):
        rejection_reason (None | str | Unset):
        review_state (KycDocumentReviewState | Unset):
        reviewed_at (datetime.datetime | None | Unset):
        reviewed_by (None | Unset | UUID):
        status (KycDocumentStatus | Unset):
        submission_id (UUID | Unset):
        submitted_at (datetime.datetime | Unset):
        user_email (str | Unset):
        user_id (UUID | Unset):
    """

    auto_check_notes: list[str] | Unset = UNSET
    auto_check_status: (
        KycDocumentAutoCheckStatusType1
        | KycDocumentAutoCheckStatusType2Type1
        | KycDocumentAutoCheckStatusType3Type1
        | None
        | Unset
    ) = UNSET
    auto_checked_at: datetime.datetime | None | Unset = UNSET
    doc_number: str | Unset = UNSET
    doc_number_masked: str | Unset = UNSET
    doc_type: KycDocumentDocType | Unset = UNSET
    full_name: str | Unset = UNSET
    rejection_reason: None | str | Unset = UNSET
    review_state: KycDocumentReviewState | Unset = UNSET
    reviewed_at: datetime.datetime | None | Unset = UNSET
    reviewed_by: None | Unset | UUID = UNSET
    status: KycDocumentStatus | Unset = UNSET
    submission_id: UUID | Unset = UNSET
    submitted_at: datetime.datetime | Unset = UNSET
    user_email: str | Unset = UNSET
    user_id: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        auto_check_notes: list[str] | Unset = UNSET
        if not isinstance(self.auto_check_notes, Unset):
            auto_check_notes = self.auto_check_notes

        auto_check_status: None | str | Unset
        if isinstance(self.auto_check_status, Unset):
            auto_check_status = UNSET
        elif isinstance(self.auto_check_status, KycDocumentAutoCheckStatusType1):
            auto_check_status = self.auto_check_status.value
        elif isinstance(self.auto_check_status, KycDocumentAutoCheckStatusType2Type1):
            auto_check_status = self.auto_check_status.value
        elif isinstance(self.auto_check_status, KycDocumentAutoCheckStatusType3Type1):
            auto_check_status = self.auto_check_status.value
        else:
            auto_check_status = self.auto_check_status

        auto_checked_at: None | str | Unset
        if isinstance(self.auto_checked_at, Unset):
            auto_checked_at = UNSET
        elif isinstance(self.auto_checked_at, datetime.datetime):
            auto_checked_at = self.auto_checked_at.isoformat()
        else:
            auto_checked_at = self.auto_checked_at

        doc_number = self.doc_number

        doc_number_masked = self.doc_number_masked

        doc_type: str | Unset = UNSET
        if not isinstance(self.doc_type, Unset):
            doc_type = self.doc_type.value

        full_name = self.full_name

        rejection_reason: None | str | Unset
        if isinstance(self.rejection_reason, Unset):
            rejection_reason = UNSET
        else:
            rejection_reason = self.rejection_reason

        review_state: str | Unset = UNSET
        if not isinstance(self.review_state, Unset):
            review_state = self.review_state.value

        reviewed_at: None | str | Unset
        if isinstance(self.reviewed_at, Unset):
            reviewed_at = UNSET
        elif isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        reviewed_by: None | str | Unset
        if isinstance(self.reviewed_by, Unset):
            reviewed_by = UNSET
        elif isinstance(self.reviewed_by, UUID):
            reviewed_by = str(self.reviewed_by)
        else:
            reviewed_by = self.reviewed_by

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        submission_id: str | Unset = UNSET
        if not isinstance(self.submission_id, Unset):
            submission_id = str(self.submission_id)

        submitted_at: str | Unset = UNSET
        if not isinstance(self.submitted_at, Unset):
            submitted_at = self.submitted_at.isoformat()

        user_email = self.user_email

        user_id: str | Unset = UNSET
        if not isinstance(self.user_id, Unset):
            user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if auto_check_notes is not UNSET:
            field_dict["auto_check_notes"] = auto_check_notes
        if auto_check_status is not UNSET:
            field_dict["auto_check_status"] = auto_check_status
        if auto_checked_at is not UNSET:
            field_dict["auto_checked_at"] = auto_checked_at
        if doc_number is not UNSET:
            field_dict["doc_number"] = doc_number
        if doc_number_masked is not UNSET:
            field_dict["doc_number_masked"] = doc_number_masked
        if doc_type is not UNSET:
            field_dict["doc_type"] = doc_type
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if rejection_reason is not UNSET:
            field_dict["rejection_reason"] = rejection_reason
        if review_state is not UNSET:
            field_dict["review_state"] = review_state
        if reviewed_at is not UNSET:
            field_dict["reviewed_at"] = reviewed_at
        if reviewed_by is not UNSET:
            field_dict["reviewed_by"] = reviewed_by
        if status is not UNSET:
            field_dict["status"] = status
        if submission_id is not UNSET:
            field_dict["submission_id"] = submission_id
        if submitted_at is not UNSET:
            field_dict["submitted_at"] = submitted_at
        if user_email is not UNSET:
            field_dict["user_email"] = user_email
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        auto_check_notes = cast(list[str], d.pop("auto_check_notes", UNSET))

        def _parse_auto_check_status(
            data: object,
        ) -> (
            KycDocumentAutoCheckStatusType1
            | KycDocumentAutoCheckStatusType2Type1
            | KycDocumentAutoCheckStatusType3Type1
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auto_check_status_type_1 = KycDocumentAutoCheckStatusType1(data)

                return auto_check_status_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auto_check_status_type_2_type_1 = KycDocumentAutoCheckStatusType2Type1(data)

                return auto_check_status_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auto_check_status_type_3_type_1 = KycDocumentAutoCheckStatusType3Type1(data)

                return auto_check_status_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                KycDocumentAutoCheckStatusType1
                | KycDocumentAutoCheckStatusType2Type1
                | KycDocumentAutoCheckStatusType3Type1
                | None
                | Unset,
                data,
            )

        auto_check_status = _parse_auto_check_status(d.pop("auto_check_status", UNSET))

        def _parse_auto_checked_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auto_checked_at_type_0 = datetime.datetime.fromisoformat(data)

                return auto_checked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        auto_checked_at = _parse_auto_checked_at(d.pop("auto_checked_at", UNSET))

        doc_number = d.pop("doc_number", UNSET)

        doc_number_masked = d.pop("doc_number_masked", UNSET)

        _doc_type = d.pop("doc_type", UNSET)
        doc_type: KycDocumentDocType | Unset
        if isinstance(_doc_type, Unset):
            doc_type = UNSET
        else:
            doc_type = KycDocumentDocType(_doc_type)

        full_name = d.pop("full_name", UNSET)

        def _parse_rejection_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rejection_reason = _parse_rejection_reason(d.pop("rejection_reason", UNSET))

        _review_state = d.pop("review_state", UNSET)
        review_state: KycDocumentReviewState | Unset
        if isinstance(_review_state, Unset):
            review_state = UNSET
        else:
            review_state = KycDocumentReviewState(_review_state)

        def _parse_reviewed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reviewed_at_type_0 = datetime.datetime.fromisoformat(data)

                return reviewed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        reviewed_at = _parse_reviewed_at(d.pop("reviewed_at", UNSET))

        def _parse_reviewed_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reviewed_by_type_0 = UUID(data)

                return reviewed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        reviewed_by = _parse_reviewed_by(d.pop("reviewed_by", UNSET))

        _status = d.pop("status", UNSET)
        status: KycDocumentStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = KycDocumentStatus(_status)

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

        user_email = d.pop("user_email", UNSET)

        _user_id = d.pop("user_id", UNSET)
        user_id: UUID | Unset
        if isinstance(_user_id, Unset):
            user_id = UNSET
        else:
            user_id = UUID(_user_id)

        kyc_document = cls(
            auto_check_notes=auto_check_notes,
            auto_check_status=auto_check_status,
            auto_checked_at=auto_checked_at,
            doc_number=doc_number,
            doc_number_masked=doc_number_masked,
            doc_type=doc_type,
            full_name=full_name,
            rejection_reason=rejection_reason,
            review_state=review_state,
            reviewed_at=reviewed_at,
            reviewed_by=reviewed_by,
            status=status,
            submission_id=submission_id,
            submitted_at=submitted_at,
            user_email=user_email,
            user_id=user_id,
        )

        return kyc_document
