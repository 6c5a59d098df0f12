"""Console sign-ins, kept server-side in Redis: the browser holds only a random id in
an HttpOnly, SameSite=Strict cookie (Secure in production), and Redis holds the rest
under a hash of that id, with a time to live of the idle timeout that every request
renews. Signing out deletes the record, so the cookie is worth nothing afterwards; an
idle record expires on its own; none outlives CONSOLE_MAX_SESSION_S.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import asdict, dataclass, field

import redis as redis_lib

from db.redis import key
from settings import Settings

PASSWORD, TOKEN = "password", "token"


@dataclass
class ConsoleSession:
    sid_hash: str
    user_id: str
    kind: str  # PASSWORD: a refresh family of its own; TOKEN: a pasted bearer token
    csrf_token: str
    started_at: float
    refresh_jti: str | None = None
    family_id: str | None = None
    token: str | None = None
    notices: list[str] = field(default_factory=list)


def cookie_name(settings: Settings) -> str:
    # The __Host- prefix makes browsers refuse the cookie unless it is Secure, for the
    # whole host and set by the host itself: no subdomain can plant or shadow it.
    return "__Host-vp_console" if settings.env == "production" else "vp_console"


def cookie_options(settings: Settings) -> dict:
    return {"httponly": True, "samesite": "Strict", "secure": settings.env == "production",
            "path": "/"}


def start(r: redis_lib.Redis, settings: Settings, *, user_id: str, kind: str,
          **credentials) -> tuple[str, ConsoleSession]:
    """A new sign-in; returns the id for the cookie (never stored) and the record."""
    sid = secrets.token_urlsafe(32)
    record = ConsoleSession(sid_hash=_hash(sid), user_id=user_id, kind=kind,
                            csrf_token=secrets.token_urlsafe(32), started_at=time.time(),
                            **credentials)
    save(r, settings, record)
    return sid, record


def load(r: redis_lib.Redis, settings: Settings, sid: str) -> ConsoleSession | None:
    """The sign-in of this cookie, its idle clock restarted; None once it has ended."""
    if not sid or len(sid) > 128:
        return None
    raw = r.getex(_key(_hash(sid)), ex=settings.console_idle_timeout_s)
    if raw is None:
        return None
    record = ConsoleSession(**json.loads(raw))
    if time.time() - record.started_at > settings.console_max_session_s:
        end(r, record)
        return None
    return record


def save(r: redis_lib.Redis, settings: Settings, record: ConsoleSession) -> None:
    r.set(_key(record.sid_hash), json.dumps(asdict(record)), ex=settings.console_idle_timeout_s)


def end(r: redis_lib.Redis, record: ConsoleSession) -> None:
    r.delete(_key(record.sid_hash))


def _hash(sid: str) -> str:
    # Only the hash is a key: whoever can read Redis cannot use the cookies it names.
    return hashlib.sha256(sid.encode()).hexdigest()


def _key(sid_hash: str) -> str:
    return key("console", "session", sid_hash)
