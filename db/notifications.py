"""Notifications are written in the same transaction as the event they announce, and
read back only by the user they are addressed to."""
from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from db import bulk, live_feed, paging
from db.models import Notification


def notify(session: Session, user_id: uuid.UUID, type_: str, title: str, body: str,
           metadata: dict | None = None) -> None:
    notify_many(session, [notice(user_id, type_, title, body, metadata)])


NOTICE_COLUMNS = ("id", "user_id", "type", "title", "body", "metadata")


def notice(user_id: uuid.UUID, type_: str, title: str, body: str,
           metadata: dict | None = None) -> dict:
    """One notification row, for `notify_many`: its columns, by name."""
    return {"id": uuid.uuid4(), "user_id": user_id, "type": type_, "title": title,
            "body": body, "metadata": metadata or {}}


def notify_many(session: Session, rows: list[dict]) -> None:
    """Many notifications in one statement (a posting batch writes them together),
    pushed to live connections once the transaction commits."""
    if not rows:
        return
    created = dict(bulk.insert_rows(session, Notification.__table__, NOTICE_COLUMNS, rows,
                                    returning=("id", "created_at")))
    live_feed.publish_after_commit(session, [
        (row["user_id"], live_feed.as_event({**row, "is_read": False, "created_at": created[row["id"]]}))
        for row in rows])


def replay(session: Session, user_id: uuid.UUID, after_id: uuid.UUID, *, overlap_s: float,
           limit: int) -> list[Notification]:
    """The user's notifications from just before `after_id` on, oldest first.

    `created_at` is when a transaction began, not when it committed, so one committed
    later may be dated a little earlier than one a client already saw: the replay
    reaches `overlap_s` further back and may repeat a few (each event's id tells them
    apart). An id that is not the user's replays nothing.
    """
    anchor = session.execute(
        select(Notification.created_at)
        .where(Notification.id == after_id, Notification.user_id == user_id)
    ).scalar_one_or_none()
    if anchor is None:
        return []
    rows = session.execute(
        _addressed_to(user_id)
        .where(Notification.created_at >= anchor - timedelta(seconds=overlap_s),
               Notification.id != after_id)
        .order_by(Notification.created_at, Notification.id)
        .limit(limit)
    ).scalars().all()
    return list(rows)


def _addressed_to(user_id: uuid.UUID, unread_only: bool = False) -> Select:
    query = select(Notification).where(Notification.user_id == user_id)
    return query.where(Notification.is_read.is_(False)) if unread_only else query


def page(session: Session, user_id: uuid.UUID, *, unread_only: bool, page_number: int,
         per_page: int) -> tuple[list[Notification], int]:
    """The user's notifications, newest first."""
    query = _addressed_to(user_id, unread_only)
    order = (Notification.created_at.desc(), Notification.id)
    rows, total = paging.page_of(session, query, order, page_number, per_page)
    return list(rows.scalars().all()), total


def unread_count(session: Session, user_id: uuid.UUID) -> int:
    return session.execute(
        select(func.count()).select_from(_addressed_to(user_id, unread_only=True).subquery())
    ).scalar_one()


def mark_read(session: Session, user_id: uuid.UUID, notification_id: uuid.UUID) -> Notification | None:
    """Mark one of the user's notifications read; None when it is not theirs (or unknown)."""
    return session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.user_id == user_id)
        .values(is_read=True)
        .returning(Notification)
    ).scalar_one_or_none()


def mark_all_read(session: Session, user_id: uuid.UUID) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    return session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.is_read.is_(False))
        .values(is_read=True)
    ).rowcount
