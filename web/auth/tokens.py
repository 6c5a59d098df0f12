"""JWT access and refresh tokens.

Only the configured algorithm is accepted (so `alg: none` and tokens signed with
another key or algorithm are refused), and every claim the contract lists is required.
"""
from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import jwt

from domain import errors
from settings import Settings

ACCESS, REFRESH = "access", "refresh"
_REQUIRED = ["sub", "jti", "iat", "exp", "iss", "aud", "typ"]
_LEEWAY_S = 5
# Access tokens already verified by this process, by token and the settings that
# verified them: a client presents the same token on every call for its lifetime, and
# checking its signature and claims again cost more CPU than a database lookup. The
# same string under the same key and claims rules verifies the same way every time;
# only the clock moves, so the expiry is checked again on every hit. Revocation and
# deactivation are not decoding: the caller checks them on every request.
_VERIFIED_MAX = 4096
_verified: dict[tuple, tuple[dict, float]] = {}
_verified_lock = threading.Lock()


def issue(settings: Settings, *, user_id: uuid.UUID, email: str, role: str, typ: str,
          family_id: uuid.UUID) -> tuple[str, dict]:
    now = datetime.now(timezone.utc)
    lifetime = (timedelta(minutes=settings.access_token_minutes) if typ == ACCESS
                else timedelta(days=settings.refresh_token_days))
    claims = {
        "sub": str(user_id),
        "email": email,
        "role": role,
        "jti": uuid.uuid4().hex,
        "fam": str(family_id),
        "iat": now,
        "nbf": now,
        "exp": now + lifetime,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "typ": typ,
    }
    token = jwt.encode(claims, settings.jwt_secret_key, algorithm=settings.jwt_algorithm)
    return token, claims


def decode(settings: Settings, token: str, typ: str) -> dict:
    if typ != ACCESS:
        return _decode(settings, token, typ)
    cache_key = (token, settings.jwt_secret_key, settings.jwt_algorithm, settings.jwt_audience,
                 settings.jwt_issuer)
    found = _verified.get(cache_key)
    if found is not None:
        claims, expires_at = found
        if time.time() >= expires_at + _LEEWAY_S:
            with _verified_lock:
                _verified.pop(cache_key, None)
            raise errors.TokenExpired()
        return dict(claims)
    claims = _decode(settings, token, typ)
    with _verified_lock:
        if len(_verified) >= _VERIFIED_MAX:
            del _verified[next(iter(_verified))]  # the oldest
        _verified[cache_key] = (dict(claims), float(claims["exp"]))
    return claims


def _decode(settings: Settings, token: str, typ: str) -> dict:
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret_key,
            algorithms=[settings.jwt_algorithm],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": _REQUIRED},
            leeway=_LEEWAY_S,
        )
    except jwt.ExpiredSignatureError as exc:
        raise errors.TokenExpired() from exc
    except jwt.PyJWTError as exc:
        raise errors.TokenInvalid() from exc
    if claims.get("typ") != typ:
        raise errors.TokenInvalid()
    try:
        uuid.UUID(claims["sub"])
    except (ValueError, TypeError) as exc:
        raise errors.TokenInvalid() from exc
    return claims


def seconds_left(claims: dict) -> int:
    exp = claims["exp"]
    if isinstance(exp, datetime):
        exp = exp.timestamp()
    return max(int(exp - datetime.now(timezone.utc).timestamp()), 1)
