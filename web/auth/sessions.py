"""Login sessions: token pairs, refresh rotation with reuse detection, and ending them.

A session is a refresh-token family. Every refresh marks the presented token used
and issues the next pair in the same family; presenting a used token again means it
was copied, so the whole family (refresh rows in PostgreSQL, access tokens via Redis)
is revoked. Helpers take the caller's session and never commit.
"""
from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta, timezone

import redis as redis_lib

from db import live_feed, refresh_tokens, users
from db.models import User
from db.session import Session  # the caller's unit of work
from domain import errors
from settings import Settings
from web.auth import revocation, tokens


def start(session: Session, settings: Settings, user: User) -> dict:
    """A new session (refresh family) for a user who just proved their password."""
    return _issue_pair(session, settings, user, family_id=uuid.uuid4())


def start_console(session: Session, user: User, lifetime_s: int) -> tuple[uuid.UUID, str]:
    """A sign-in to the operator console: a family of one refresh row whose token is
    never issued (its jti names no JWT, so /auth/refresh cannot use it). Logout, a
    deactivation and a reuse of a rotated token revoke it like any family; returns the
    family id and the row's jti, which the console checks on every request."""
    family_id, jti = uuid.uuid4(), f"console-{secrets.token_hex(16)}"
    refresh_tokens.record(session, jti=jti, family_id=family_id, user_id=user.id,
                          expires_at=datetime.now(timezone.utc) + timedelta(seconds=lifetime_s))
    return family_id, jti


def rotate(session: Session, settings: Settings, r: redis_lib.Redis, claims: dict) -> dict | None:
    """The next pair for a decoded refresh token.

    None means the token had already been rotated: its family has just been revoked,
    and the caller must commit that before refusing the request.
    """
    stored = refresh_tokens.get_for_update(session, claims["jti"])
    if stored is None or str(stored.user_id) != claims["sub"]:
        raise errors.TokenInvalid()
    user = users.by_id(session, stored.user_id)
    if not user.is_active:
        raise errors.AccountDisabled()
    if stored.revoked_at is not None:
        raise errors.TokenRevoked()
    if stored.used_at is not None:
        revoke_family(session, settings, r, stored.family_id)
        live_feed.announce_auth_change_after_commit(session, stored.user_id)
        return None
    refresh_tokens.mark_used(session, stored)
    return _issue_pair(session, settings, user, family_id=stored.family_id)


def end(session: Session, settings: Settings, r: redis_lib.Redis, access_claims: dict) -> None:
    """Log out: the presented access token and its whole family stop working at once."""
    revocation.revoke_jti(r, access_claims["jti"], tokens.seconds_left(access_claims))
    family_id = _family_of(access_claims)
    # Tokens from an external issuer carry no family; revoking their jti is all we can do.
    if family_id is not None:
        revoke_family(session, settings, r, family_id)
    live_feed.announce_auth_change_after_commit(session, access_claims["sub"])


def end_all_for_user(session: Session, user_id: uuid.UUID) -> None:
    """On deactivation: no refresh token of the user works again.

    Their access tokens are left alone so that, while deactivated, they are answered
    ACCOUNT_DISABLED (the guard re-reads `is_active`) rather than TOKEN_REVOKED.
    """
    refresh_tokens.revoke_all_for_user(session, user_id)
    live_feed.announce_auth_change_after_commit(session, user_id)


def keep_ended_sessions_dead(session: Session, settings: Settings, r: redis_lib.Redis,
                             user_id: uuid.UUID) -> None:
    """On reactivation: access tokens issued before the deactivation stay refused."""
    recent = refresh_tokens.revoked_families_issued_since(session, user_id, _family_ttl(settings))
    for family_id in recent:
        revocation.revoke_family(r, str(family_id), _family_ttl(settings))


def revoke_family(session: Session, settings: Settings, r: redis_lib.Redis,
                  family_id: uuid.UUID) -> None:
    refresh_tokens.revoke_family(session, family_id)
    # The rows stop its refresh tokens; access tokens are never looked up in the database.
    revocation.revoke_family(r, str(family_id), _family_ttl(settings))


def _issue_pair(session: Session, settings: Settings, user: User, *, family_id: uuid.UUID) -> dict:
    identity = {"user_id": user.id, "email": user.email, "role": user.role,
                "family_id": family_id}
    access_token, _ = tokens.issue(settings, typ=tokens.ACCESS, **identity)
    refresh_token, refresh_claims = tokens.issue(settings, typ=tokens.REFRESH, **identity)
    refresh_tokens.record(session, jti=refresh_claims["jti"], family_id=family_id,
                          user_id=user.id, expires_at=refresh_claims["exp"])
    return {
        "access_token": access_token,
        "refresh_token": refresh_token,
        "token_type": "bearer",
        "expires_in": settings.access_token_minutes * 60,
    }


def _family_ttl(settings: Settings) -> int:
    # The Redis mark only has to outlive the family's access tokens (plus decode leeway).
    return settings.access_token_minutes * 60 + 60


def _family_of(claims: dict) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(claims.get("fam")))
    except ValueError:
        return None
