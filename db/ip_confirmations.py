"""Pending IP confirmations in Redis, under `vp:ipconfirm_request:<random uuid>`.

The email job's message carries ids only (issue 7: whatever Flower shows is an id). The
keyed IP hash is not a secret, but it is not an id either, so a refused payment holds
what the confirmation email needs (the user and the IP hash) here under a random id,
for as long as a confirmation code lives, and enqueues that id. The job resolves it,
checks it belongs to the message's user, and leaves it to expire: a retry or a
redelivery of the message can still read it. A record whose job never ran (the
refusal's transaction rolled back) is harmless and expires the same way.
"""
from __future__ import annotations

import json
import uuid

import redis as redis_lib

from db.redis import key


def hold(r: redis_lib.Redis, user_id: uuid.UUID | str, ip_hash: str, ttl_s: int) -> str:
    """Store a pending confirmation for `ttl_s` seconds; returns its id."""
    request_id = str(uuid.uuid4())
    r.set(_key(request_id), json.dumps({"user_id": str(user_id), "ip_hash": ip_hash}), ex=ttl_s)
    return request_id


def fetch(r: redis_lib.Redis, request_id: str | None, user_id: str) -> str | None:
    """The IP hash of `user_id`'s pending confirmation `request_id`; None if it is
    unknown, expired or another user's."""
    if not request_id:
        return None
    raw = r.get(_key(request_id))
    record = None if raw is None else json.loads(raw)
    if record is None or record.get("user_id") != str(user_id) or not record.get("ip_hash"):
        return None
    return record["ip_hash"]


def _key(request_id: str) -> str:
    return key("ipconfirm_request", request_id)
