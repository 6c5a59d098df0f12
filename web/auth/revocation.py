"""Revoked access tokens and token families, kept in Redis until the token would
have expired anyway (so the set never grows without bound)."""
from __future__ import annotations

import redis as redis_lib

from db.redis import key


def revoke_jti(r: redis_lib.Redis, jti: str, ttl_s: int) -> None:
    r.set(key("tok", "revoked", jti), 1, ex=ttl_s)


def revoke_family(r: redis_lib.Redis, family_id: str, ttl_s: int) -> None:
    r.set(key("tok", "revoked_family", family_id), 1, ex=ttl_s)


def revocation_keys(claims: dict) -> list[str]:
    """The Redis keys any of which, set, revokes the token of these claims."""
    keys = [key("tok", "revoked", claims["jti"])]
    if claims.get("fam"):
        keys.append(key("tok", "revoked_family", claims["fam"]))
    return keys


def is_revoked(r: redis_lib.Redis, claims: dict) -> bool:
    return any(r.mget(revocation_keys(claims)))
