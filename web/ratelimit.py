"""Fixed-window request counters in Redis, shared by every rate-limited action."""
from __future__ import annotations

import hashlib
import hmac

import redis as redis_lib

from db.redis import key
from domain import errors


def hit(r: redis_lib.Redis, action: str, subject: str, limit: int, window_s: int) -> int:
    """Count one attempt at `action` by `subject`; raise RateLimited past `limit`.

    Returns the attempts counted so far in the current window.
    """
    counter = key("rate", action, subject)
    pipe = r.pipeline(transaction=True)
    pipe.incr(counter)
    # NX: only the window's first hit starts the clock, and setting it in the same
    # MULTI means a crash can never leave a counter without an expiry.
    pipe.expire(counter, window_s, nx=True)
    pipe.ttl(counter)
    attempts, _, ttl = pipe.execute()
    if attempts > limit:
        raise errors.RateLimited(retry_after=max(ttl, 1))
    return attempts


def pseudonym(secret: str, value: str) -> str:
    """A stable key part for personal data (an email), so Redis never holds it in clear."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]
