"""Single-use emailed tokens in Redis, under `vp:<purpose>:<sha256 of the token>`.

Only the digest is stored, with the token's lifetime as the key's TTL, so an expired
token simply is not there. Redeeming is one GETDEL (or one script that checks the
owner first): of two concurrent uses of a token exactly one gets its payload. Issuing
a new token for the same subject (a user, or a user and an IP) retires the previous
one, so only the latest email works.
"""
from __future__ import annotations

import json

import redis as redis_lib

from db.redis import key
from domain.one_time_tokens import MAX_TOKEN_LENGTH, digest, new_token

PIN_RESET, IP_CONFIRM = "pinreset", "ipconfirm"


def issue(r: redis_lib.Redis, purpose: str, subject: str, payload: dict, ttl_s: int) -> str:
    """Mint a token for `payload`, valid `ttl_s` seconds; returns the token itself."""
    token = new_token()
    token_digest = digest(token)
    pipe = r.pipeline(transaction=True)
    pipe.set(key(purpose, token_digest), json.dumps(payload), ex=ttl_s)
    pipe.set(key(purpose, "latest", subject), token_digest, ex=ttl_s, get=True)
    _, previous = pipe.execute()
    if previous:
        r.delete(key(purpose, previous))
    return token


def withdraw(r: redis_lib.Redis, purpose: str, token: str) -> None:
    """Retire a token that could not be delivered."""
    r.delete(key(purpose, digest(token)))


# GET, compare the owner, DEL only on a match: one step, so that a code tried by
# another user stays usable by its owner, and of two concurrent uses one wins.
_REDEEM_OWNED = """
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
if cjson.decode(raw)['user_id'] ~= ARGV[1] then return false end
redis.call('DEL', KEYS[1])
return raw
"""


def redeem_owned(r: redis_lib.Redis, purpose: str, token: str, user_id: str) -> dict | None:
    """The token's payload, once, if it was issued to `user_id`; None when it is
    unknown, used, expired or someone else's (which leaves it usable by its owner)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    raw = r.eval(_REDEEM_OWNED, 1, key(purpose, digest(token)), user_id)
    return None if raw is None else json.loads(raw)


def redeem(r: redis_lib.Redis, purpose: str, token: str) -> dict | None:
    """The token's payload, once; None when it is unknown, used or expired."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    raw = r.getdel(key(purpose, digest(token)))
    return None if raw is None else json.loads(raw)
