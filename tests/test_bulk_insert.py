"""db/bulk.py writes a posting batch's rows as arrays unnested by PostgreSQL: every value
must land exactly as given (NULL, JSON, quotes, backslashes, non-ASCII), the database's own
defaults fill what is not named, and nothing is written when the transaction rolls
back."""
from __future__ import annotations

import uuid

import pytest

from db import bulk
from db.models import Notification
from db.notifications import NOTICE_COLUMNS, notice
from db.session import unit_of_work


@pytest.fixture
def user_id(api):
    return uuid.UUID(api.user().user_id)


def _stored(db, ids):
    return db.execute(
        "SELECT id, type, title, body, metadata, is_read, created_at IS NOT NULL"
        " FROM notifications WHERE id = ANY(%s) ORDER BY title", (ids,)).fetchall()


def test_rows_land_as_given_with_the_databases_defaults(database_url, db, user_id):
    rows = [notice(user_id, "money_received", "a", "first", {"amount": "12.50", "nested": [1, None]}),
            notice(user_id, "operation_failed", "b", "second O'Brien \\ \"quoted\"", None),
            notice(user_id, "money_received", "c", "third", {"unicode": "₹ 1,00,000"})]
    with unit_of_work(database_url) as session:
        returned = bulk.insert_rows(session, Notification.__table__, NOTICE_COLUMNS, rows,
                                    returning=("id", "created_at"))
    assert {row.id for row in returned} == {row["id"] for row in rows}
    stored = _stored(db, [row["id"] for row in rows])
    assert [tuple(row) for row in stored] == [
        (rows[0]["id"], "money_received", "a", "first",
         {"amount": "12.50", "nested": [1, None]}, False, True),
        (rows[1]["id"], "operation_failed", "b", "second O'Brien \\ \"quoted\"", {}, False, True),
        (rows[2]["id"], "money_received", "c", "third", {"unicode": "₹ 1,00,000"}, False, True),
    ]


def test_a_rolled_back_transaction_leaves_no_row(database_url, db, user_id):
    rows = [notice(user_id, "money_received", "rolled back", "x", {"amount": "1.00"})]
    with pytest.raises(RuntimeError), unit_of_work(database_url) as session:
        bulk.insert_rows(session, Notification.__table__, NOTICE_COLUMNS, rows)
        raise RuntimeError("the posting failed after writing")
    assert _stored(db, [rows[0]["id"]]) == []


def test_no_rows_is_no_statement(database_url):
    with unit_of_work(database_url) as session:
        assert bulk.insert_rows(session, Notification.__table__, NOTICE_COLUMNS, [],
                                returning=("id",)) == []
