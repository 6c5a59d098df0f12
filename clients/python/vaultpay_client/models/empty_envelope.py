from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EmptyEnvelope")


@_attrs_define
class EmptyEnvelope:
    """
    Attributes:
        data (Any | Unset):
        message (str | Unset):
        request_id (str | Unset):
        success (bool | Unset):
    """

    data: Any | Unset = UNSET
    message: str | Unset = UNSET
    request_id: str | Unset = UNSET
    success: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        message = self.message

        request_id = self.request_id

        success = self.success

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if message is not UNSET:
            field_dict["message"] = message
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data = d.pop("data", UNSET)

        message = d.pop("message", UNSET)

        request_id = d.pop("request_id", UNSET)

        success = d.pop("success", UNSET)

        empty_envelope = cls(
            data=data,
            message=message,
            request_id=request_id,
            success=success,
        )

        return empty_envelope
