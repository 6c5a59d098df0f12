"""Idempotency keys (API.md section 5): a request retried with its key gets the first
request's outcome; the same key with a different request is refused.

"The same request" is compared by fingerprint: a hash of the operation's kind and every
field of the request but the PIN. A retry is the same payment whatever PIN it carries,
and a PIN must not be derivable from anything stored.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TypeVar

from domain import errors

Earlier = TypeVar("Earlier")
UNCOMPARED = frozenset({"pin"})


def fingerprint(kind: str, fields: Mapping) -> str:
    comparable = {name: value for name, value in fields.items() if name not in UNCOMPARED}
    canonical = json.dumps({"type": kind, **comparable}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def same_request(earlier: Earlier, fingerprint_now: str) -> Earlier:
    """`earlier` (the row the key first made) if this request is the one that made it;
    IdempotencyKeyReused if the key is being reused for another."""
    if earlier.request_fingerprint != fingerprint_now:
        raise errors.IdempotencyKeyReused()
    return earlier
