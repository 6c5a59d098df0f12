"""Strict mode: the issuer confirms a token on money-moving and admin calls.

The answer is kept in Redis for EXTERNAL_USERINFO_CACHE_S seconds under a hash of the
token (never the token itself). An issuer that cannot be asked refuses the call with
503 IDENTITY_UNAVAILABLE before anything is written.
"""
from __future__ import annotations

import hashlib

import redis as redis_lib

from db.redis import key
from domain import errors
from settings import Settings
from web.auth.external import FALSE_VALUES
from web.auth.jwks import fetch_json

CONFIRMED, REVOKED, DISABLED = "confirmed", "revoked", "disabled"


def confirm(settings: Settings, r: redis_lib.Redis, token: str) -> None:
    cache_key = key("ext", "userinfo", hashlib.sha256(token.encode()).hexdigest())
    verdict = r.get(cache_key)
    if verdict is None:
        verdict = _ask_issuer(settings, token)
        if settings.external_userinfo_cache_s > 0:
            r.set(cache_key, verdict, ex=settings.external_userinfo_cache_s)
    if verdict == REVOKED:
        raise errors.TokenRevoked()
    if verdict == DISABLED:
        raise errors.AccountDisabled()


def _ask_issuer(settings: Settings, token: str) -> str:
    status, body = fetch_json(settings.external_userinfo_url, settings.external_http_timeout_s,
                              {"Authorization": f"Bearer {token}"})
    if status == 401:
        return REVOKED
    if status == 403:
        return DISABLED
    if status != 200 or not isinstance(body, dict):
        raise errors.IdentityUnavailable()
    # AuthShield wraps the user in an envelope's `data`; a plain OIDC userinfo does not.
    user = body.get("data") if isinstance(body.get("data"), dict) else body
    active = user.get(settings.external_claim_active, True)
    return DISABLED if active in FALSE_VALUES else CONFIRMED
