from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.setting import Setting


T = TypeVar("T", bound="SettingListEnvelope")


@_attrs_define
class SettingListEnvelope:
    """
    Attributes:
        data (list[Setting] | Unset):
        message (str | Unset):
        request_id (str | Unset):
        success (bool | Unset):
    """

    data: list[Setting] | Unset = UNSET
    message: str | Unset = UNSET
    request_id: str | Unset = UNSET
    success: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

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
        from ..models.setting import Setting  # noqa: PLC0415

        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: list[Setting] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = Setting.from_dict(data_item_data)

                data.append(data_item)

        message = d.pop("message", UNSET)

        request_id = d.pop("request_id", UNSET)

        success = d.pop("success", UNSET)

        setting_list_envelope = cls(
            data=data,
            message=message,
            request_id=request_id,
            success=success,
        )

        return setting_list_envelope
