from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.kyc_status_doc_type_type_1 import KycStatusDocTypeType1
from ..models.kyc_status_doc_type_type_2_type_1 import KycStatusDocTypeType2Type1
from ..models.kyc_status_doc_type_type_3_type_1 import KycStatusDocTypeType3Type1
from ..models.kyc_status_status import KycStatusStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="KycStatus")


@_attrs_define
class KycStatus:
    """
    Attributes:
        doc_number_masked (None | str | Unset): Only the last four characters are shown Example: XXXX XXXX 9012.
        doc_type (KycStatusDocTypeType1 | KycStatusDocTypeType2Type1 | KycStatusDocTypeType3Type1 | None | Unset):
            Example: aadhaar.
        rejection_reason (None | str | Unset):
        reviewed_at (datetime.datetime | None | Unset):
        status (KycStatusStatus | Unset):
        submission_id (None | Unset | UUID):
        submitted_at (datetime.datetime | None | Unset):
    """

    doc_number_masked: None | str | Unset = UNSET
    doc_type: KycStatusDocTypeType1 | KycStatusDocTypeType2Type1 | KycStatusDocTypeType3Type1 | None | Unset = UNSET
    rejection_reason: None | str | Unset = UNSET
    reviewed_at: datetime.datetime | None | Unset = UNSET
    status: KycStatusStatus | Unset = UNSET
    submission_id: None | Unset | UUID = UNSET
    submitted_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        doc_number_masked: None | str | Unset
        if isinstance(self.doc_number_masked, Unset):
            doc_number_masked = UNSET
        else:
            doc_number_masked = self.doc_number_masked

        doc_type: None | str | Unset
        if isinstance(self.doc_type, Unset):
            doc_type = UNSET
        elif isinstance(self.doc_type, KycStatusDocTypeType1):
            doc_type = self.doc_type.value
        elif isinstance(self.doc_type, KycStatusDocTypeType2Type1):
            doc_type = self.doc_type.value
        elif isinstance(self.doc_type, KycStatusDocTypeType3Type1):
            doc_type = self.doc_type.value
        else:
            doc_type = self.doc_type

        rejection_reason: None | str | Unset
        if isinstance(self.rejection_reason, Unset):
            rejection_reason = UNSET
        else:
            rejection_reason = self.rejection_reason

        reviewed_at: None | str | Unset
        if isinstance(self.reviewed_at, Unset):
            reviewed_at = UNSET
        elif isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        submission_id: None | str | Unset
        if isinstance(self.submission_id, Unset):
            submission_id = UNSET
        elif isinstance(self.submission_id, UUID):
            submission_id = str(self.submission_id)
        else:
            submission_id = self.submission_id

        submitted_at: None | str | Unset
        if isinstance(self.submitted_at, Unset):
            submitted_at = UNSET
        elif isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if doc_number_masked is not UNSET:
            field_dict["doc_number_masked"] = doc_number_masked
        if doc_type is not UNSET:
            field_dict["doc_type"] = doc_type
        if rejection_reason is not UNSET:
            field_dict["rejection_reason"] = rejection_reason
        if reviewed_at is not UNSET:
            field_dict["reviewed_at"] = reviewed_at
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

        def _parse_doc_number_masked(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        doc_number_masked = _parse_doc_number_masked(d.pop("doc_number_masked", UNSET))

        def _parse_doc_type(
            data: object,
        ) -> KycStatusDocTypeType1 | KycStatusDocTypeType2Type1 | KycStatusDocTypeType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                doc_type_type_1 = KycStatusDocTypeType1(data)

                return doc_type_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                doc_type_type_2_type_1 = KycStatusDocTypeType2Type1(data)

                return doc_type_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                doc_type_type_3_type_1 = KycStatusDocTypeType3Type1(data)

                return doc_type_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                KycStatusDocTypeType1 | KycStatusDocTypeType2Type1 | KycStatusDocTypeType3Type1 | None | Unset, data
            )

        doc_type = _parse_doc_type(d.pop("doc_type", UNSET))

        def _parse_rejection_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rejection_reason = _parse_rejection_reason(d.pop("rejection_reason", UNSET))

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

        _status = d.pop("status", UNSET)
        status: KycStatusStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = KycStatusStatus(_status)

        def _parse_submission_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submission_id_type_0 = UUID(data)

                return submission_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        submission_id = _parse_submission_id(d.pop("submission_id", UNSET))

        def _parse_submitted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at", UNSET))

        kyc_status = cls(
            doc_number_masked=doc_number_masked,
            doc_type=doc_type,
            rejection_reason=rejection_reason,
            reviewed_at=reviewed_at,
            status=status,
            submission_id=submission_id,
            submitted_at=submitted_at,
        )

        return kyc_status
