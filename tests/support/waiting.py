"""Waiting for what a worker, a server or a job does in its own time: poll with a
deadline instead of sleeping a fixed time."""
from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def eventually(probe: Callable[[], T], timeout_s: float = 30, interval_s: float = 0.1) -> T:
    """Call `probe` until it returns something truthy, or the deadline passes; return
    its last answer either way, for the caller to assert on (`assert eventually(...)`)."""
    deadline = time.monotonic() + timeout_s
    while True:
        answer = probe()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(interval_s)


def wait_for_lock_waiters(db, count: int, timeout_s: float = 10) -> None:
    """Until `count` sessions of this database wait on a lock (a race is lined up)."""
    assert eventually(lambda: db.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock'").fetchone()[0] >= count, timeout_s, interval_s=0.05), \
        f"expected {count} requests waiting on a lock"
