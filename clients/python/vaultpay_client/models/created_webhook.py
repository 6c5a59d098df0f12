from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.created_webhook_events_item import CreatedWebhookEventsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatedWebhook")


@_attrs_define
class CreatedWebhook:
    """
    Attributes:
        created_at (datetime.datetime | Unset):
        events (list[CreatedWebhookEventsItem] | Unset):
        secret (str | Unset): Signing secret, shown only in this response. Verify each delivery: VaultPay-Signature is
            t=<unix>,v1=<hex HMAC-SHA256 keyed with this secret over "<t>.<raw body>"> Example:
            whsec_3q2-7wEXAMPLEonlyEXAMPLEonlyEXAMPLEonly0.
        url (str | Unset):
        webhook_id (UUID | Unset):
    """

    created_at: datetime.datetime | Unset = UNSET
    events: list[CreatedWebhookEventsItem] | Unset = UNSET
    secret: str | Unset = UNSET
    url: str | Unset = UNSET
    webhook_id: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        secret = self.secret

        url = self.url

        webhook_id: str | Unset = UNSET
        if not isinstance(self.webhook_id, Unset):
            webhook_id = str(self.webhook_id)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if events is not UNSET:
            field_dict["events"] = events
        if secret is not UNSET:
            field_dict["secret"] = secret
        if url is not UNSET:
            field_dict["url"] = url
        if webhook_id is not UNSET:
            field_dict["webhook_id"] = webhook_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _events = d.pop("events", UNSET)
        events: list[CreatedWebhookEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = CreatedWebhookEventsItem(events_item_data)

                events.append(events_item)

        secret = d.pop("secret", UNSET)

        url = d.pop("url", UNSET)

        _webhook_id = d.pop("webhook_id", UNSET)
        webhook_id: UUID | Unset
        if isinstance(_webhook_id, Unset):
            webhook_id = UNSET
        else:
            webhook_id = UUID(_webhook_id)

        created_webhook = cls(
            created_at=created_at,
            events=events,
            secret=secret,
            url=url,
            webhook_id=webhook_id,
        )

        return created_webhook
