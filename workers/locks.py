"""Per-wallet Redis locks, taken in sorted order so two jobs never wait on each other.

The lock only reduces contention: it can be lost (expiry, Redis restart), so the
posting transaction still locks the rows with SELECT ... FOR UPDATE.
"""
from __future__ import annotations

import time
import uuid
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterable, Iterator

import redis as redis_lib

from db.redis import key
from workers import metrics

# A batch's locks, each taken only if free (ARGV: token, TTL in ms): 1 or 0 per key, in
# one command. One script call, not a pipeline of one SET per wallet: redis-py's
# packing and parsing of each command was most of a posting batch's Redis CPU.
_TRY_LOCKS = """
local taken = {}
for i, name in ipairs(KEYS) do
  taken[i] = redis.call('set', name, ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
end
return taken
"""
# Delete only the locks we still own: one that expired and was taken by another job
# must not be released by us.
_RELEASE = """
local released = 0
for _, name in ipairs(KEYS) do
  if redis.call('get', name) == ARGV[1] then released = released + redis.call('del', name) end
end
return released
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
                name = _name(wallet_id)
                _acquire(r, name, token, ttl_ms, wait_s)
                held.append(name)
        yield
    finally:
        if held:
            _script(r, _RELEASE)(keys=held, args=[token])


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
    if not wanted:
        return [], set()
    with metrics.lock_wait():
        acquired = _script(r, _TRY_LOCKS)(keys=[_name(w) for w in wanted], args=[token, ttl_ms])
    held = [w for w, ok in zip(wanted, acquired, strict=True) if ok]
    return held, {w for w, ok in zip(wanted, acquired, strict=True) if not ok}


def release_wallet_locks(r: redis_lib.Redis, wallet_ids: Iterable[str], token: str) -> None:
    names = [_name(w) for w in wallet_ids]
    if names:
        _script(r, _RELEASE)(keys=names, args=[token])


def _name(wallet_id: str) -> str:
    return key("lock", "wallet", wallet_id)


@lru_cache(maxsize=None)
def _script(r: redis_lib.Redis, source: str):
    """Run by its SHA (EVALSHA), loaded again by redis-py if Redis has forgotten it."""
    return r.register_script(source)
