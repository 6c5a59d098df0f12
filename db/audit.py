"""The audit trail: the one helper that writes a row, in the caller's transaction (so
the row exists exactly when the action it records does), the admin listing, and the
chain check.

`hashed_content` is the single definition of what a row's hash covers; the writer and
the checker both use it, so they cannot drift apart.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, insert, select, text
from sqlalchemy.orm import Session

from db import paging
from db.models import AuditLog
from domain import calendar
from domain.audit import chain_hash

VERIFY_BATCH = 1000
_TABLE = AuditLog.__table__


@dataclass(frozen=True)
class Actor:
    """Who did it: a user (id and role), or the system itself (a beat job)."""

    user_id: uuid.UUID | None
    role: str
    request_id: str | None = None
    ip_address: str | None = None


SYSTEM = Actor(user_id=None, role="system")


def hashed_content(row: Mapping[str, Any]) -> dict:
    """What a row's hash covers, from the row's own fields (as written or as read back).

    `created_at` is hashed as its UTC ISO form: PostgreSQL keeps microseconds, so the
    timestamp read back renders to exactly the string hashed when it was written.
    """
    return {
        "audit_id": str(row["audit_id"]),
        "actor_id": _text_or_none(row["actor_id"]),
        "actor_role": row["actor_role"],
        "action": row["action"],
        "target_type": row["target_type"],
        "target_id": _text_or_none(row["target_id"]),
        "before_state": row["before_state"],
        "after_state": row["after_state"],
        "reason": row["reason"],
        "request_id": row["request_id"],
        "ip_address": row["ip_address"],
        "created_at": row["created_at"].astimezone(timezone.utc).isoformat(),
    }


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def record(session: Session, actor: Actor, action: str, target_type: str, target_id: object,
           *, before: dict | None = None, after: dict | None = None,
           reason: str | None = None) -> uuid.UUID:
    # One writer at a time extends the chain: the lock is held to commit, so the
    # previous hash read here is the one the next writer will read after us.
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext('vp:audit_chain'))"))
    prev_hash = session.execute(
        select(AuditLog.hash).order_by(AuditLog.id.desc()).limit(1)
    ).scalar_one_or_none()
    values = {
        "audit_id": uuid.uuid4(),
        "actor_id": actor.user_id,
        "actor_role": actor.role,
        "action": action,
        "target_type": target_type,
        "target_id": _text_or_none(target_id),
        "before_state": before,
        "after_state": after,
        "reason": reason,
        "request_id": actor.request_id,
        "ip_address": actor.ip_address,
        "created_at": datetime.now(timezone.utc),
    }
    session.execute(insert(AuditLog).values(
        **values, prev_hash=prev_hash, hash=chain_hash(prev_hash, hashed_content(values)),
    ))
    return values["audit_id"]


# --- reading -------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditFilter:
    actor_id: uuid.UUID | None = None
    target_type: str | None = None
    target_id: str | None = None
    action: str | None = None
    start_date: date | None = None
    end_date: date | None = None


def page(session: Session, filters: AuditFilter, timezone_name: str,
         page_number: int, per_page: int) -> tuple[list, int]:
    """Audit rows matching `filters`, newest first."""
    query = _filtered(select(_TABLE), filters, ZoneInfo(timezone_name))
    rows, total = paging.page_of(session, query, (AuditLog.id.desc(),), page_number, per_page)
    return list(rows.mappings().all()), total


def _filtered(query: Select, filters: AuditFilter, tz: ZoneInfo) -> Select:
    for column, wanted in ((AuditLog.actor_id, filters.actor_id),
                           (AuditLog.target_type, filters.target_type),
                           (AuditLog.target_id, filters.target_id),
                           (AuditLog.action, filters.action)):
        if wanted is not None:
            query = query.where(column == wanted)
    # Whole days in the business timezone, both ends inclusive.
    if filters.start_date:
        query = query.where(AuditLog.created_at >= calendar.start_of(filters.start_date, tz))
    if filters.end_date:
        query = query.where(AuditLog.created_at < calendar.end_of(filters.end_date, tz))
    return query



# --- the chain check -----------------------------------------------------------------
@dataclass(frozen=True)
class ChainCheck:
    valid: bool
    checked: int
    first_broken_id: int | None = None


def verify_chain(session: Session, batch_size: int = VERIFY_BATCH) -> ChainCheck:
    """Re-walk the chain in id order; the first row whose link or hash is wrong breaks it.

    A row is broken when its `prev_hash` is not the previous row's hash (a row removed
    or reordered) or its `hash` does not match its content (a row edited).
    """
    expected_prev, checked = None, 0
    for row in _in_chain_order(session, batch_size):
        checked += 1
        if row["prev_hash"] != expected_prev or \
                row["hash"] != chain_hash(expected_prev, hashed_content(row)):
            return ChainCheck(valid=False, checked=checked, first_broken_id=row["id"])
        expected_prev = row["hash"]
    return ChainCheck(valid=True, checked=checked)


def _in_chain_order(session: Session, batch_size: int) -> Iterator[Mapping[str, Any]]:
    # A server-side cursor read `batch_size` rows at a time: the table only grows.
    result = session.execute(select(_TABLE).order_by(AuditLog.id),
                             execution_options={"yield_per": batch_size})
    yield from result.mappings()
