"""Trusted IP rows (as keyed hashes). Functions take the caller's session and never
commit."""
from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import ColumnElement, and_, bindparam, exists, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db import paging
from db.models import TrustedIp
from db.session import Lookup
from domain import errors

FIRST_USE, EMAIL = "first_use", "email"


def _live() -> ColumnElement[bool]:
    return and_(TrustedIp.revoked_at.is_(None), TrustedIp.expires_at > func.now())


# Built once (every send and withdrawal asks): a reused statement keeps its memoised
# cache key.
_IS_TRUSTED = Lookup(select(exists().where(TrustedIp.user_id == bindparam("user_id"),
                                           TrustedIp.ip_hash == bindparam("ip_hash"), _live())))


def is_trusted(session: Session, user_id: uuid.UUID, ip_hash: str) -> bool:
    return _IS_TRUSTED.rows(session, {"user_id": user_id, "ip_hash": ip_hash})[0][0]


def ever_trusted(session: Session, user_id: uuid.UUID) -> bool:
    """Whether the user has ever trusted an IP (revoked and expired ones count)."""
    return session.execute(select(exists().where(TrustedIp.user_id == user_id))).scalar_one()


def trust_if_first(session: Session, user_id: uuid.UUID, ip_hash: str, days: int) -> bool:
    """Trust `ip_hash` when the user has never trusted any IP; True if it is trusted now."""
    # Serialise per user: two first requests from two IPs at once must not both count
    # as the first.
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext('vp:ip_trust:' || :user_id))"),
                    {"user_id": str(user_id)})
    # Read again under the lock: a concurrent first request from this same IP may have
    # trusted it while we waited.
    if is_trusted(session, user_id, ip_hash):
        return True
    if ever_trusted(session, user_id):
        return False
    trust(session, user_id, ip_hash, days, FIRST_USE)
    return True


def trust(session: Session, user_id: uuid.UUID, ip_hash: str, days: int, source: str) -> TrustedIp:
    """Trust the IP for `days` from now: a new row, or the live one renewed."""
    expires_at = func.now() + timedelta(days=days)
    statement = pg_insert(TrustedIp).values(
        id=uuid.uuid4(), user_id=user_id, ip_hash=ip_hash, source=source, expires_at=expires_at)
    row_id = session.execute(
        statement.on_conflict_do_update(
            index_elements=[TrustedIp.user_id, TrustedIp.ip_hash],
            index_where=TrustedIp.revoked_at.is_(None),
            set_={"trusted_at": func.now(), "expires_at": expires_at, "source": source},
        ).returning(TrustedIp.id)
    ).scalar_one()
    return session.get(TrustedIp, row_id, populate_existing=True)


def page_of_user(session: Session, user_id: uuid.UUID, page: int,
                 per_page: int) -> tuple[list[TrustedIp], int]:
    """The user's currently trusted IPs, most recently trusted first."""
    query = select(TrustedIp).where(TrustedIp.user_id == user_id, _live())
    rows, total = paging.page_of(session, query, (TrustedIp.trusted_at.desc(), TrustedIp.id), page, per_page)
    return list(rows.scalars().all()), total


def own_live_for_update(session: Session, user_id: uuid.UUID, ip_id: str) -> TrustedIp:
    """Another user's id, a revoked or an expired one are all reported as missing."""
    try:
        parsed = uuid.UUID(ip_id)
    except ValueError:
        raise errors.TrustedIpNotFound() from None
    row = session.execute(
        select(TrustedIp).where(TrustedIp.id == parsed, TrustedIp.user_id == user_id, _live())
        .with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise errors.TrustedIpNotFound()
    return row


def revoke(session: Session, row: TrustedIp) -> TrustedIp:
    row.revoked_at = func.now()
    session.flush()
    session.refresh(row)
    return row
