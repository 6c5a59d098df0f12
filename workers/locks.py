"""Per-wallet Redis locks, taken in sorted order so two jobs never wait on each other.

The lock only reduces contention: it can be lost (expiry, Redis restart), so the
posting transaction still locks the rows with SELECT ... FOR UPDATE.
"""
from __future__ import annotations

import time
import uuid
from contextlib import contextmanager
from typing import Iterable, Iterator

import redis as redis_lib

from db.redis import key
from workers import metrics

# Delete only if we still own it: a lock that expired and was taken by another job
# must not be released by us.
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class LockBusy(Exception):
    """Raised when a wallet lock is still held by another job after a short wait."""


@contextmanager
def wallet_locks(r: redis_lib.Redis, wallet_ids: Iterable[str], ttl_ms: int,
                 wait_s: float = 0.5) -> Iterator[None]:
    token = uuid.uuid4().hex
    held: list[str] = []
    try:
        with metrics.lock_wait():
            for wallet_id in sorted(set(wallet_ids)):
                name = key("lock", "wallet", wallet_id)
                _acquire(r, name, token, ttl_ms, wait_s)
                held.append(name)
        yield
    finally:
        for name in reversed(held):
            r.eval(_RELEASE, 1, name, token)


def _acquire(r: redis_lib.Redis, name: str, token: str, ttl_ms: int, wait_s: float) -> None:
    # A short bounded spin: most holders finish in milliseconds, and a retry through
    # the broker costs far more than waiting that long.
    deadline = time.monotonic() + wait_s
    delay = 0.002
    while not r.set(name, token, nx=True, px=ttl_ms):
        if time.monotonic() >= deadline:
            raise LockBusy(name)
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def try_wallet_locks(r: redis_lib.Redis, wallet_ids: Iterable[str], ttl_ms: int,
                     token: str) -> tuple[list[str], set[str]]:
    """A batch's locks in one round trip, without waiting: (wallets locked, wallets busy).

    Nothing waits on anything, so the order cannot deadlock; the caller leaves the
    operations of busy wallets for a later batch."""
    wanted = sorted(set(wallet_ids))
    pipe = r.pipeline(transaction=False)
    for wallet_id in wanted:
        pipe.set(key("lock", "wallet", wallet_id), token, nx=True, px=ttl_ms)
    with metrics.lock_wait():
        acquired = pipe.execute()
    held = [w for w, ok in zip(wanted, acquired, strict=True) if ok]
    return held, {w for w, ok in zip(wanted, acquired, strict=True) if not ok}


def release_wallet_locks(r: redis_lib.Redis, wallet_ids: Iterable[str], token: str) -> None:
    pipe = r.pipeline(transaction=False)
    for wallet_id in wallet_ids:
        pipe.eval(_RELEASE, 1, key("lock", "wallet", wallet_id), token)
    pipe.execute()
