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


# Decrements only a counter still in its window: DECR on an expired key would create
# one at -1 with no expiry, a budget that never runs out.
_GIVE_BACK = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
return 0
"""


def give_back(r: redis_lib.Redis, action: str, subject: str) -> None:
    """Undo one `hit`, for attempts that should not count after all (a login that
    succeeded). Counting first and giving back later, rather than counting failures
    once they fail, keeps parallel attempts from all passing one check together."""
    r.eval(_GIVE_BACK, 1, key("rate", action, subject))


def pseudonym(secret: str, value: str) -> str:
    """A stable key part for personal data (an email), so Redis never holds it in clear."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]
