from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payout_item_view_page import PayoutItemViewPage


T = TypeVar("T", bound="PayoutItemViewPageEnvelope")


@_attrs_define
class PayoutItemViewPageEnvelope:
    """
    Attributes:
        data (PayoutItemViewPage | Unset):
        message (str | Unset):
        request_id (str | Unset):
        success (bool | Unset):
    """

    data: PayoutItemViewPage | Unset = UNSET
    message: str | Unset = UNSET
    request_id: str | Unset = UNSET
    success: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

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
        from ..models.payout_item_view_page import PayoutItemViewPage  # noqa: PLC0415

        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: PayoutItemViewPage | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = PayoutItemViewPage.from_dict(_data)

        message = d.pop("message", UNSET)

        request_id = d.pop("request_id", UNSET)

        success = d.pop("success", UNSET)

        payout_item_view_page_envelope = cls(
            data=data,
            message=message,
            request_id=request_id,
            success=success,
        )

        return payout_item_view_page_envelope
