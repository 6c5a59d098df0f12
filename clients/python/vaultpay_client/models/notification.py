from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notification_metadata import NotificationMetadata


T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """
    Attributes:
        body (str | Unset):
        created_at (datetime.datetime | Unset):
        is_read (bool | Unset):
        metadata (NotificationMetadata | Unset):
        notification_id (UUID | Unset):
        title (str | Unset):
        type_ (str | Unset):  Example: money_received.
    """

    body: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    is_read: bool | Unset = UNSET
    metadata: NotificationMetadata | Unset = UNSET
    notification_id: UUID | Unset = UNSET
    title: str | Unset = UNSET
    type_: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        is_read = self.is_read

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        notification_id: str | Unset = UNSET
        if not isinstance(self.notification_id, Unset):
            notification_id = str(self.notification_id)

        title = self.title

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if body is not UNSET:
            field_dict["body"] = body
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if is_read is not UNSET:
            field_dict["is_read"] = is_read
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if notification_id is not UNSET:
            field_dict["notification_id"] = notification_id
        if title is not UNSET:
            field_dict["title"] = title
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_metadata import NotificationMetadata  # noqa: PLC0415

        d = dict(src_dict)
        body = d.pop("body", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        is_read = d.pop("is_read", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: NotificationMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = NotificationMetadata.from_dict(_metadata)

        _notification_id = d.pop("notification_id", UNSET)
        notification_id: UUID | Unset
        if isinstance(_notification_id, Unset):
            notification_id = UNSET
        else:
            notification_id = UUID(_notification_id)

        title = d.pop("title", UNSET)

        type_ = d.pop("type", UNSET)

        notification = cls(
            body=body,
            created_at=created_at,
            is_read=is_read,
            metadata=metadata,
            notification_id=notification_id,
            title=title,
            type_=type_,
        )

        return notification
