from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.stats_transaction_volume_by_currency_additional_property import (
        StatsTransactionVolumeByCurrencyAdditionalProperty,
    )


T = TypeVar("T", bound="StatsTransactionVolumeByCurrency")


@_attrs_define
class StatsTransactionVolumeByCurrency:
    """The same sums kept apart by the operations' currency"""

    additional_properties: dict[str, StatsTransactionVolumeByCurrencyAdditionalProperty] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stats_transaction_volume_by_currency_additional_property import (
            StatsTransactionVolumeByCurrencyAdditionalProperty,  # noqa: PLC0415
        )

        d = dict(src_dict)
        stats_transaction_volume_by_currency = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = StatsTransactionVolumeByCurrencyAdditionalProperty.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        stats_transaction_volume_by_currency.additional_properties = additional_properties
        return stats_transaction_volume_by_currency

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> StatsTransactionVolumeByCurrencyAdditionalProperty:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: StatsTransactionVolumeByCurrencyAdditionalProperty) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
