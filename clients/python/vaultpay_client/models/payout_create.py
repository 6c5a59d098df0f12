from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payout_item import PayoutItem


T = TypeVar("T", bound="PayoutCreate")


@_attrs_define
class PayoutCreate:
    """
    Attributes:
        items (list[PayoutItem]): 1 to PAYOUT_MAX_ITEMS (1000) payments, posted in this order. One recipient may appear
            more than once only with different references Example: [{'amount': '250.00', 'recipient_wallet_id':
            'VPY-M4X8TZ', 'reference': 'salary-0042'}].
        pin (str):  Example: 4826.
        description (None | str | Unset):  Example: November salaries.
    """

    items: list[PayoutItem]
    pin: str
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        pin = self.pin

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "pin": pin,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payout_item import PayoutItem  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = PayoutItem.from_dict(items_item_data)

            items.append(items_item)

        pin = d.pop("pin")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        payout_create = cls(
            items=items,
            pin=pin,
            description=description,
        )

        return payout_create
