"""Notifications are written in the same transaction as the event they announce."""
from __future__ import annotations

import uuid

from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.models import Notification


def notify(session: Session, user_id: uuid.UUID, type_: str, title: str, body: str,
           metadata: dict | None = None) -> None:
    session.execute(insert(Notification).values(
        id=uuid.uuid4(), user_id=user_id, type=type_, title=title, body=body,
        metadata_=metadata or {},
    ))
