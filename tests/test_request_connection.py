"""A request's database connection (web/context.py): one pooled connection per request,
units of work that stay transactions on it, autocommit reads that leave no transaction
open, and a unit of work opened inside another that gets a connection of its own."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from db.session import engine_for
from web import context


def _backend(session) -> int:
    return session.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _marker_count(db, marker: str) -> int:
    return db.execute("SELECT count(*) FROM notifications WHERE title = %s", (marker,)).fetchone()[0]


def _insert_marker(session, user_id: str, marker: str) -> None:
    session.execute(text(
        "INSERT INTO notifications (id, user_id, type, title, body, metadata)"
        " VALUES (:id, :user_id, 'test', :title, 'body', '{}')"
    ), {"id": uuid.uuid4(), "user_id": user_id, "title": marker})


def test_units_of_work_and_reads_of_one_request_share_one_connection(app):
    with app.test_request_context():
        with context.reads() as session:
            first = _backend(session)
        with context.uow() as session:
            second = _backend(session)
        with context.reads() as session:
            third = _backend(session)
    assert first == second == third


def test_a_unit_of_work_after_autocommit_reads_is_still_atomic(app, api, db):
    user_id = api.user().user_id
    marker = f"atomic-{uuid.uuid4().hex}"
    with app.test_request_context():
        with context.reads() as session:
            _backend(session)
        with pytest.raises(RuntimeError), context.uow() as session:
            _insert_marker(session, user_id, marker)
            raise RuntimeError("refused after the write")
        with context.uow() as session:  # the connection is usable, and commits
            _insert_marker(session, user_id, marker + "-kept")
    assert _marker_count(db, marker) == 0
    assert _marker_count(db, marker + "-kept") == 1


def test_reads_leave_no_transaction_open(app, db):
    with app.test_request_context():
        with context.reads() as session:
            pid = _backend(session)
            session.execute(text("SELECT count(*) FROM users")).scalar_one()
            state = db.execute("SELECT state FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()[0]
    assert state == "idle"  # not "idle in transaction": no snapshot or lock is held


def test_a_nested_unit_of_work_commits_on_a_connection_of_its_own(app, api, db):
    user_id = api.user().user_id
    marker = f"nested-{uuid.uuid4().hex}"
    with app.test_request_context():
        with pytest.raises(RuntimeError), context.uow() as outer:
            outer_pid = _backend(outer)
            with context.uow() as inner:
                inner_pid = _backend(inner)
                _insert_marker(inner, user_id, marker)
            raise RuntimeError("the outer unit of work fails")
    assert inner_pid != outer_pid
    assert _marker_count(db, marker) == 1  # committed by the inner one alone


def test_the_connection_goes_back_to_the_pool_when_the_request_ends(app):
    pool = engine_for(app.config["SETTINGS"].database_url).pool
    before = pool.checkedout()
    with app.test_request_context():
        with context.uow():
            pass
        with context.reads():
            pass
        assert pool.checkedout() == before + 1  # one for the whole request
    assert pool.checkedout() == before
