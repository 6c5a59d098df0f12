"""Refresh token rows. A family is one login; every rotation adds a row to it."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.models import RefreshToken


def record(session: Session, *, jti: str, family_id: uuid.UUID, user_id: uuid.UUID,
           expires_at: datetime) -> None:
    session.add(RefreshToken(jti=jti, family_id=family_id, user_id=user_id,
                             expires_at=expires_at))


def get_for_update(session: Session, jti: str) -> RefreshToken | None:
    # The row lock serialises two uses of one token: the second waits, then sees
    # `used_at` set by the first.
    return session.execute(
        select(RefreshToken).where(RefreshToken.jti == jti).with_for_update()
    ).scalar_one_or_none()


def mark_used(session: Session, token: RefreshToken) -> None:
    token.used_at = func.now()


def revoke_family(session: Session, family_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=func.now())
    )


def revoke_all_for_user(session: Session, user_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=func.now())
    )


def revoked_families_issued_since(session: Session, user_id: uuid.UUID,
                                  seconds: int) -> list[uuid.UUID]:
    """Revoked families of the user with a pair issued in the last `seconds`.

    Every access token is issued together with a refresh row, so these are the
    families that may still have an unexpired access token.
    """
    return list(session.execute(
        select(RefreshToken.family_id).distinct()
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_not(None),
               RefreshToken.created_at > func.now() - timedelta(seconds=seconds))
    ).scalars())


def is_live(session: Session, jti: str) -> bool:
    """The row exists, is not revoked and has not expired: a console session's check on
    each request (logout, deactivation and reuse detection all revoke its family)."""
    return session.execute(
        select(RefreshToken.jti).where(RefreshToken.jti == jti, RefreshToken.revoked_at.is_(None),
                                       RefreshToken.expires_at > func.now())
    ).first() is not None
