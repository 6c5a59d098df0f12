"""The feed of live notifications (API.md section 18): each notification, once its
transaction has committed, published on one Redis channel for the `live` process.

Publishing waits for the commit so that a client never hears of a notification that a
rollback then takes back. A lost publish (Redis down at that instant) loses nothing for
good: the notification is in PostgreSQL, and a reconnect with Last-Event-ID replays it.
"""
from __future__ import annotations

import json
import logging
from functools import lru_cache

import redis as redis_lib
from sqlalchemy import event
from sqlalchemy.orm import Session

import settings as settings_module
from db.redis import client, key

log = logging.getLogger("vaultpay.live")

CHANNEL = key("live", "notifications")
_PENDING = "live_feed_pending"


def as_event(row) -> dict:
    """A notification as section 10 shows it; `row` has the Notification attributes
    (or is a dict of its columns)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return {
        "notification_id": str(get("id")),
        "type": get("type"),
        "title": get("title"),
        "body": get("body"),
        "is_read": bool(get("is_read")),
        "metadata": get("metadata_") or {},
        "created_at": get("created_at").isoformat(),
    }


def publish_after_commit(session: Session, user_ids_and_events: list[tuple]) -> None:
    """Queue (user_id, event) pairs on the session; they go out when it commits."""
    session.info.setdefault(_PENDING, []).extend(user_ids_and_events)


@event.listens_for(Session, "after_commit")
def _publish(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    try:
        with _redis().pipeline(transaction=False) as pipe:
            for user_id, notification in pending:
                pipe.publish(CHANNEL, json.dumps({"user_id": str(user_id), "event": notification},
                                                 default=str))
            pipe.execute()
    except redis_lib.RedisError as exc:
        log.warning("live notifications not published (%s): replayed on reconnect",
                    type(exc).__name__)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


@lru_cache(maxsize=1)
def _redis() -> redis_lib.Redis:
    return client(settings_module.load().redis_url)
