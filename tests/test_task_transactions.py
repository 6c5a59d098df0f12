"""The base Task owns a transactional task's unit of work (workers/base.py): what the
task wrote is committed when it returns and gone when it raises, and a task that asks
for a stronger snapshot reads in one. Run in this process against the test database,
the way the worker calls a task."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from db import outbox
from workers.app import celery
from workers.base import Task

MARK = f"tests.unit_of_work.{uuid.uuid4().hex}"  # a job name no worker knows


class Refused(Exception):
    pass


@celery.task(name=f"{MARK}.writes", base=Task)
def _writes(session, fail: bool):
    outbox.record(session, MARK, ["written"])
    if fail:
        raise Refused()
    return "done"


@celery.task(name=f"{MARK}.isolation", base=Task, isolation_level="REPEATABLE READ")
def _reads_in_one_snapshot(session):
    return session.execute(text("SHOW transaction_isolation")).scalar_one()


@pytest.fixture
def rows(db):
    def count() -> int:
        return db.execute("SELECT count(*) FROM outbox WHERE task_name = %s", (MARK,)).fetchone()[0]
    yield count
    db.execute("DELETE FROM outbox WHERE task_name = %s", (MARK,))


def test_a_task_that_returns_has_its_writes_committed(rows):
    assert _writes(False) == "done"
    assert rows() == 1


def test_a_task_that_raises_leaves_nothing_behind(rows):
    with pytest.raises(Refused):
        _writes(True)
    assert rows() == 0


def test_a_task_can_ask_for_one_snapshot():
    assert _reads_in_one_snapshot() == "repeatable read"
