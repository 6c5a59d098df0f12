"""Celery beat that is safe to run twice: each scheduled send first claims its tick.

Two beat processes (a deploy overlap, a replica started by mistake) would otherwise
each send every scheduled job. Before sending, a beat claims the entry in Redis with
SET NX for most of the entry's interval; another beat finding the claim taken skips
that tick. Claims are not tied to wall-clock slots, so two beats whose clocks or start
times differ still cannot both fire within one interval.

The jobs themselves stay safe to run concurrently (SKIP LOCKED, an advisory lock): the
claim keeps them from doing each tick's work twice, it is not what keeps money right.
If Redis cannot be reached the entry is sent anyway: a doubled sweep is harmless, a
missed one delays recovery.
"""
from __future__ import annotations

import logging
import uuid

import redis as redis_lib
from celery.beat import PersistentScheduler, ScheduleEntry

import settings
from db import redis as vp_redis

log = logging.getLogger("vaultpay.beat")

# A claim lasts this share of the interval: long enough that a second beat's send of
# the same tick is refused, short enough that the claimer's own next tick is free.
CLAIM_SHARE = 0.9


def claim_tick(r: redis_lib.Redis, scope: str, entry_name: str, interval_s: float) -> bool:
    """True if this beat may send `entry_name` now (scope: the deployment's queue)."""
    ttl_ms = max(int(interval_s * 1000 * CLAIM_SHARE), 1)
    try:
        return bool(r.set(vp_redis.key("beat", scope, entry_name), uuid.uuid4().hex,
                          nx=True, px=ttl_ms))
    except redis_lib.RedisError as exc:
        log.warning("beat claim unavailable, sending %s anyway: %s", entry_name,
                    type(exc).__name__)
        return True


def interval_of(entry: ScheduleEntry) -> float | None:
    run_every = getattr(entry.schedule, "run_every", None)
    return run_every.total_seconds() if run_every is not None else None


class GuardedScheduler(PersistentScheduler):
    """celery beat's scheduler, sending an interval entry only with its tick claimed."""

    def apply_entry(self, entry: ScheduleEntry, producer=None):
        interval = interval_of(entry)
        if interval is not None:
            s = settings.load()
            if not claim_tick(vp_redis.client(s.redis_url), s.celery_queue, entry.name, interval):
                log.info("beat: %s already sent for this tick by another beat", entry.name)
                return None
        return super().apply_entry(entry, producer=producer)
