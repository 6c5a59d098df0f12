from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payout_item_view import PayoutItemView


T = TypeVar("T", bound="PayoutItemViewPage")


@_attrs_define
class PayoutItemViewPage:
    """
    Attributes:
        items (list[PayoutItemView] | Unset):
        page (int | Unset):
        pages (int | Unset):
        per_page (int | Unset):
        total (int | Unset):
    """

    items: list[PayoutItemView] | Unset = UNSET
    page: int | Unset = UNSET
    pages: int | Unset = UNSET
    per_page: int | Unset = UNSET
    total: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        page = self.page

        pages = self.pages

        per_page = self.per_page

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if items is not UNSET:
            field_dict["items"] = items
        if page is not UNSET:
            field_dict["page"] = page
        if pages is not UNSET:
            field_dict["pages"] = pages
        if per_page is not UNSET:
            field_dict["per_page"] = per_page
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payout_item_view import PayoutItemView  # noqa: PLC0415

        d = dict(src_dict)
        _items = d.pop("items", UNSET)
        items: list[PayoutItemView] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = PayoutItemView.from_dict(items_item_data)

                items.append(items_item)

        page = d.pop("page", UNSET)

        pages = d.pop("pages", UNSET)

        per_page = d.pop("per_page", UNSET)

        total = d.pop("total", UNSET)

        payout_item_view_page = cls(
            items=items,
            page=page,
            pages=pages,
            per_page=per_page,
            total=total,
        )

        return payout_item_view_page
