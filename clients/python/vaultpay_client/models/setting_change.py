from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SettingChange")


@_attrs_define
class SettingChange:
    """
    Attributes:
        value (Any): Checked against the setting's type Example: {'daily_limit': '10000.00', 'monthly_limit':
            '20000.00', 'per_transaction_limit': '5000.00'}.
    """

    value: Any

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        setting_change = cls(
            value=value,
        )

        return setting_change
