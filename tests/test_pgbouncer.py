"""The app's engines behind a real PgBouncer in transaction pooling mode (a private one,
with a small pool so that transactions keep changing server connection). The whole
money path through it is `make test-pgbouncer`; this is the part that breaks first."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from db import session as db_session
from embedded.pgbouncer import PgBouncer
from tests.conftest import TEST_DB


@pytest.fixture()
def pgbouncer(database_url):
    bouncer = PgBouncer(pool_size=2)
    bouncer.start()
    yield bouncer
    bouncer.stop()


def test_with_transaction_pooling_set_repeated_queries_survive_changing_server_connections(
        pgbouncer, monkeypatch):
    monkeypatch.setenv("DATABASE_TRANSACTION_POOLING", "1")
    engine = create_engine(pgbouncer.url(TEST_DB, driver="postgresql+psycopg"),
                           pool_size=6, connect_args=db_session.connect_args())

    def transactions(worker: int) -> int:
        done = 0
        for _ in range(30):  # psycopg would prepare this statement on its fifth run
            with engine.begin() as conn:
                done += conn.execute(text("SELECT count(*) FROM wallets WHERE currency = :c"),
                                     {"c": "INR"}).scalar_one() >= 0
        return done

    try:
        with ThreadPoolExecutor(6) as pool:
            assert sum(pool.map(transactions, range(6))) == 180
    finally:
        engine.dispose()
    assert "prepared statement" not in pgbouncer.logs()
