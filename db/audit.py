"""The one helper that writes an audit row, in the caller's transaction, so the row
exists exactly when the action it records does."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from db.models import AuditLog
from domain.audit import chain_hash


@dataclass(frozen=True)
class Actor:
    """Who did it: a user (id and role), or the system itself (a beat job)."""

    user_id: uuid.UUID | None
    role: str
    request_id: str | None = None
    ip_address: str | None = None


SYSTEM = Actor(user_id=None, role="system")


def record(session: Session, actor: Actor, action: str, target_type: str, target_id: object,
           *, before: dict | None = None, after: dict | None = None,
           reason: str | None = None) -> uuid.UUID:
    # One writer at a time extends the chain: the lock is held to commit, so the
    # previous hash read here is the one the next writer will read after us.
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext('vp:audit_chain'))"))
    prev_hash = session.execute(
        select(AuditLog.hash).order_by(AuditLog.id.desc()).limit(1)
    ).scalar_one_or_none()
    content = {
        "audit_id": str(uuid.uuid4()),
        "actor_id": str(actor.user_id) if actor.user_id else None,
        "actor_role": actor.role,
        "action": action,
        "target_type": target_type,
        "target_id": None if target_id is None else str(target_id),
        "before_state": before,
        "after_state": after,
        "reason": reason,
        "request_id": actor.request_id,
        "ip_address": actor.ip_address,
        "created_at": datetime.now(timezone.utc).isoformat(),
    }
    session.execute(insert(AuditLog).values(
        **{**content, "created_at": datetime.fromisoformat(content["created_at"])},
        prev_hash=prev_hash, hash=chain_hash(prev_hash, content),
    ))
    return uuid.UUID(content["audit_id"])
