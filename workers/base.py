"""The base of every VaultPay task (warehouse's base Task): it owns the unit of work and
the retry policy, so that no task writes either again.

The unit of work: a task whose work is one transaction (`transactional = True`, the
default) receives its session as its first argument. The base opens it before the task
runs, commits when the task returns and rolls back when it raises, so a task can
neither forget to commit nor leave half its writes behind; `isolation_level` asks for a
stronger snapshot than READ COMMITTED. A task that commits in steps on purpose (it
must not hold a transaction across an SMTP or HTTP call, or it posts in batches of
their own transactions) says `transactional = False` and why; the beat sweeps take
their batches through `in_batches` below, the posting and delivery jobs open their
steps' transactions through `db.session.unit_of_work`.

The retry policy: a transient database or Redis error (db/transient.py), from the task
or from its commit, becomes a retry with exponential backoff and jitter, capped below
the broker's visibility timeout: a retry waits in the worker with its message
unacknowledged, and a longer wait would have Redis hand the message to a second worker
meanwhile. Any other error is the task's to handle or to fail with. Tasks that must
not retry (beat's, whose next run does the work) say so with `retry_transient = False`.
"""
from __future__ import annotations

import functools
import random
from collections.abc import Callable

from celery import Task as CeleryTask

import settings as settings_module
from db.session import unit_of_work
from db.transient import is_transient

SETTINGS = settings_module.load()
BACKOFF_CAP_S = 30.0


class Task(CeleryTask):
    transactional = True
    isolation_level: str | None = None
    retry_transient = True
    max_retries = None  # transient failures retry until the outage ends

    def __new__(cls, *args, **kwargs):
        task = super().__new__(cls, *args, **kwargs)
        # Celery checks a send's arguments against the task's signature (beat sends
        # with apply_async); a transactional task's session is the base's to give, so
        # the check takes it as given, as warehouse's base Task does for its request.
        if task.transactional and getattr(task, "__header__", None) is not None:
            task.__header__ = functools.partial(task.__header__, object())
        return task

    def __call__(self, *args, **kwargs):
        try:
            if not self.transactional:
                return super().__call__(*args, **kwargs)
            with unit_of_work(SETTINGS.database_url) as session:
                if self.isolation_level:
                    session.connection(execution_options={"isolation_level": self.isolation_level})
                return super().__call__(session, *args, **kwargs)
        except Exception as exc:
            if not (self.retry_transient and is_transient(exc)):
                raise
            raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


def in_batches(database_url: str, batch: int, work: Callable[..., int]) -> int:
    """For the beat sweeps: `work` does at most `batch` items in the transaction it is
    given and says how many; repeated, each time in a transaction of its own, until a
    batch comes back short. So a long backlog never holds one transaction open, and
    what one batch committed stays if a later one fails. Returns the total."""
    total = 0
    while True:
        with unit_of_work(database_url) as session:
            done = work(session)
        total += done
        if done < batch:
            return total


def backoff(retries: int, base_s: float = 1.0, s: settings_module.Settings = SETTINGS) -> float:
    """Seconds before retry number `retries + 1`: doubling from `base_s`, capped below
    the visibility timeout, times a random factor so that retries spread out."""
    cap = min(BACKOFF_CAP_S, s.visibility_timeout / 2)
    return min(base_s * 2 ** retries, cap) * random.uniform(0.5, 1.0)
