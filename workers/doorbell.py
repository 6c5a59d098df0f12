"""Posting jobs are coalesced: while one is waiting in the queue, another adds nothing.

The queue of operations to post is PostgreSQL (operations in status 'queued', oldest
first); a posting job is the doorbell that wakes a worker to drain it, batch by batch
(workers/posting.py). One waiting job is enough for any number of operations, so a
burst of a thousand requests costs a handful of Celery messages, not a thousand.

The flag `vp:posting:doorbell:<queue>` says "a posting job is waiting". A worker
deletes it as its job starts, before it reads the queue: an operation committed after
that moment rings again and gets a job of its own, so none is ever left without one.
The flag expires by itself, so a flag whose job was lost costs a short delay at most,
and the sweeper re-rings for anything left queued too long.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Callable

import redis as redis_lib

from db import redis as vp_redis
from db.redis import key

log = logging.getLogger("vaultpay.posting")
FLAG_TTL_MS = 2_000


@lru_cache(maxsize=1)
def _where() -> tuple[str, str]:
    import settings

    s = settings.load()
    return s.redis_url, key("posting", "doorbell", s.celery_queue)


def ring(publish: Callable[[], None]) -> bool:
    """Publish a posting job unless one is already waiting; True if it published."""
    redis_url, flag = _where()
    r = vp_redis.client(redis_url)
    if not r.set(flag, "1", nx=True, px=FLAG_TTL_MS):
        return False
    try:
        publish()
    except Exception:
        _forget(r, flag)  # the next operation rings again; the caller keeps its outbox row
        raise
    return True


def answer(r: redis_lib.Redis) -> None:
    """Called as a posting job starts, before it reads the queue."""
    r.delete(_where()[1])


def _forget(r: redis_lib.Redis, flag: str) -> None:
    try:
        r.delete(flag)
    except redis_lib.RedisError:
        log.warning("could not clear the posting doorbell; it expires in %s ms", FLAG_TTL_MS)
