from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_envelope_details import ErrorEnvelopeDetails


T = TypeVar("T", bound="ErrorEnvelope")


@_attrs_define
class ErrorEnvelope:
    """
    Attributes:
        details (ErrorEnvelopeDetails | Unset):
        error_code (str | Unset):  Example: VALIDATION_ERROR.
        message (str | Unset):
        request_id (str | Unset):
        success (bool | Unset):  Example: False.
    """

    details: ErrorEnvelopeDetails | Unset = UNSET
    error_code: str | Unset = UNSET
    message: str | Unset = UNSET
    request_id: str | Unset = UNSET
    success: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        error_code = self.error_code

        message = self.message

        request_id = self.request_id

        success = self.success

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if details is not UNSET:
            field_dict["details"] = details
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if message is not UNSET:
            field_dict["message"] = message
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_envelope_details import ErrorEnvelopeDetails  # noqa: PLC0415

        d = dict(src_dict)
        _details = d.pop("details", UNSET)
        details: ErrorEnvelopeDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorEnvelopeDetails.from_dict(_details)

        error_code = d.pop("error_code", UNSET)

        message = d.pop("message", UNSET)

        request_id = d.pop("request_id", UNSET)

        success = d.pop("success", UNSET)

        error_envelope = cls(
            details=details,
            error_code=error_code,
            message=message,
            request_id=request_id,
            success=success,
        )

        return error_envelope
