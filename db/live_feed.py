"""The feed of live notifications (API.md section 18): each notification, once its
transaction has committed, published on one Redis channel for the `live` process.
Beside it, the auth channel: the ids of users whose access just changed (a logout, a
revoked session family, a deactivation), so that the live process checks their open
connections at once instead of polling every connection's token.

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
AUTH_CHANNEL = key("live", "auth")
_PENDING = "live_feed_pending"
_AUTH_PENDING = "live_feed_auth_pending"


# Notification's attribute for a column whose name SQLAlchemy reserves.
_ATTRIBUTE = {"metadata": "metadata_"}


def as_event(row) -> dict:
    """A notification as section 10 shows it; `row` is a Notification, or a dict of its
    columns by column name (as db/notifications.py `notice` builds them)."""
    get = row.get if isinstance(row, dict) else \
        lambda column: getattr(row, _ATTRIBUTE.get(column, column))
    return {
        "notification_id": str(get("id")),
        "type": get("type"),
        "title": get("title"),
        "body": get("body"),
        "is_read": bool(get("is_read")),
        "metadata": get("metadata") or {},
        "created_at": get("created_at").isoformat(),
    }


def publish_after_commit(session: Session, user_ids_and_events: list[tuple]) -> None:
    """Queue (user_id, event) pairs on the session; they go out when it commits."""
    session.info.setdefault(_PENDING, []).extend(user_ids_and_events)


def announce_auth_change_after_commit(session: Session, user_id) -> None:
    """Once the session commits, tell the live process that this user's tokens or
    account changed (its connections are checked again at once). Redis revocation
    marks are set before the commit; a deactivation is visible only after it."""
    session.info.setdefault(_AUTH_PENDING, set()).add(str(user_id))


@event.listens_for(Session, "after_commit")
def _publish(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    auth_changed = session.info.pop(_AUTH_PENDING, None)
    if not pending and not auth_changed:
        return
    try:
        with _redis().pipeline(transaction=False) as pipe:
            for user_id, notification in pending or ():
                pipe.publish(CHANNEL, json.dumps({"user_id": str(user_id), "event": notification},
                                                 default=str))
            for user_id in sorted(auth_changed or ()):
                pipe.publish(AUTH_CHANNEL, json.dumps({"user_id": user_id}))
            pipe.execute()
    except redis_lib.RedisError as exc:
        # A lost auth message leaves the connection to the live process's periodic
        # check (LIVE_AUTH_CHECK_S) and its check before each event.
        log.warning("live notifications not published (%s): replayed on reconnect",
                    type(exc).__name__)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_AUTH_PENDING, None)


@lru_cache(maxsize=1)
def _redis() -> redis_lib.Redis:
    return client(settings_module.load().redis_url)
