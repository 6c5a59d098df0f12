"""The transactional outbox: a job is recorded in the same transaction as the change
it is about, published after commit, and re-published by the sweeper if the process
died in between. Publishing twice is harmless (every job is idempotent); never
publishing is what this prevents.

This module records and hands over; it does not know the broker. The process's
publisher (workers/outbox.py `publish_recorded`) is installed at start-up by the
process's composition root (`use_publisher`, called by web/app.py and workers/app.py),
so web/ and services/ record jobs without importing the task queue. A process that
installed none leaves its jobs to the sweeper, which is slower but loses nothing.
"""
from __future__ import annotations

import logging
import os
import random
import signal
from functools import lru_cache
from typing import Callable

from sqlalchemy import delete, event, insert, text
from sqlalchemy.orm import Session

from db.models import Outbox
from db.session import unit_of_work

log = logging.getLogger("vaultpay.outbox")

# (database_url, outbox_id or None, task_name, args, headers) -> None
Publisher = Callable[[str, "int | None", str, list, "dict | None"], None]
_publisher: Publisher | None = None


def use_publisher(publisher: Publisher) -> None:
    global _publisher
    _publisher = publisher


def record(session: Session, task_name: str, args: list, headers: dict | None = None) -> int:
    return session.execute(
        insert(Outbox).values(task_name=task_name, args=args, headers=headers or {})
        .returning(Outbox.id)
    ).scalar_one()


def enqueue_after_commit(session: Session, task_name: str, args: list,
                         headers: dict | None = None) -> None:
    """Record the job in this transaction; publish it once the transaction commits.

    If the transaction rolls back, the job vanishes with it; if the process dies after
    commit and before publishing, the sweeper publishes it.
    """
    outbox_id = record(session, task_name, args, headers)
    _after_commit(session, (outbox_id, task_name, args, headers))


def publish_after_commit(session: Session, task_name: str, args: list,
                         headers: dict | None = None) -> None:
    """Publish the job once this transaction commits, with no outbox row: for a job
    whose subject row already records that it is due. An accepted operation is such a
    row (status 'queued': the sweeper rings for any left waiting), so the request
    commits once instead of twice. An outbox row is written only if publishing fails,
    so that the sweeper retries it like any other."""
    _after_commit(session, (None, task_name, args, headers))


def forget(database_url: str, outbox_id: int) -> None:
    """The row of a job that was published."""
    with unit_of_work(database_url) as session:
        session.execute(delete(Outbox).where(Outbox.id == outbox_id))


def record_for_the_sweeper(database_url: str, task_name: str, args: list,
                           headers: dict | None) -> None:
    """A job that had no row and could not be published: the sweeper publishes it."""
    try:
        with unit_of_work(database_url) as session:
            record(session, task_name, args, headers)
    except Exception:  # the subject row is still due; the sweeper finds it there
        log.warning("could not record the deferred job either: task=%s", task_name)


def publish_due(database_url: str, grace_s: float, publish: Callable[[str, list, dict], None],
                batch: int = 500) -> int:
    """Publish rows left behind for longer than `grace_s`, then delete them; SKIP
    LOCKED lets two sweepers run without doubling."""
    with unit_of_work(database_url) as session:
        rows = session.execute(text(
            "SELECT id, task_name, args, headers FROM outbox"
            " WHERE created_at < now() - make_interval(secs => :grace)"
            " ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED"
        ), {"grace": grace_s, "batch": batch}).all()
        for row in rows:
            publish(row.task_name, row.args, row.headers)
        if rows:
            session.execute(delete(Outbox).where(Outbox.id.in_([row.id for row in rows])))
    return len(rows)


def _after_commit(session: Session, job: tuple) -> None:
    session.info.setdefault("vp_pending_jobs", []).append(job)
    if not session.info.get("vp_outbox_listening"):
        session.info["vp_outbox_listening"] = True
        # Published when the transaction has ended, once its connection is back in the
        # pool: publishing takes a connection of its own (to forget the row), and
        # waiting for one while holding another lets a burst of requests drain the pool
        # and hold each other up until the pool's timeout (a 500 for all of them).
        event.listen(session, "after_commit", _mark_committed)
        event.listen(session, "after_transaction_end", _publish_if_committed)


def _mark_committed(session: Session) -> None:
    session.info["vp_committed"] = True


def _publish_if_committed(session: Session, transaction) -> None:
    if transaction.parent is not None:  # a savepoint, or a subtransaction
        return
    if session.info.pop("vp_committed", False):
        _publish_pending(session)
    else:  # rolled back: the jobs vanished with the rows
        session.info.pop("vp_pending_jobs", None)


def _publish_pending(session: Session) -> None:
    _chaos_maybe_die()
    # .engine: the session may be bound to an engine or to one of its connections.
    database_url = session.get_bind().engine.url.render_as_string(hide_password=False)
    for outbox_id, task_name, args, headers in session.info.pop("vp_pending_jobs", []):
        if _publisher is not None:
            _publisher(database_url, outbox_id, task_name, args, headers)
        elif outbox_id is None:  # no publisher in this process: the sweeper's job
            log.warning("no publisher installed; left to the sweeper: task=%s", task_name)
            record_for_the_sweeper(database_url, task_name, args, headers)


@lru_cache(maxsize=1)
def _chaos_kill_probability() -> float:
    import settings

    return settings.load().chaos_kill_after_commit_probability


def _chaos_maybe_die() -> None:
    """Fault injection for `make chaos` (settings.py; 0 unless set, refused in
    production): die right after commit, before publishing."""
    probability = _chaos_kill_probability()
    if probability and random.random() < probability:
        log.warning("chaos: killing this process between commit and enqueue")
        os.kill(os.getpid(), signal.SIGKILL)
