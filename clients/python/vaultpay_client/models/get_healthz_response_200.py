from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_healthz_response_200_data import GetHealthzResponse200Data


T = TypeVar("T", bound="GetHealthzResponse200")


@_attrs_define
class GetHealthzResponse200:
    """
    Attributes:
        data (GetHealthzResponse200Data | Unset):
        message (str | Unset):
        request_id (str | Unset):
        success (bool | Unset):
    """

    data: GetHealthzResponse200Data | Unset = UNSET
    message: str | Unset = UNSET
    request_id: str | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        message = self.message

        request_id = self.request_id

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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
        from ..models.get_healthz_response_200_data import GetHealthzResponse200Data  # noqa: PLC0415

        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: GetHealthzResponse200Data | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = GetHealthzResponse200Data.from_dict(_data)

        message = d.pop("message", UNSET)

        request_id = d.pop("request_id", UNSET)

        success = d.pop("success", UNSET)

        get_healthz_response_200 = cls(
            data=data,
            message=message,
            request_id=request_id,
            success=success,
        )

        get_healthz_response_200.additional_properties = d
        return get_healthz_response_200

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
