"""DATABASE_READ_URL against a real streaming replica: a private primary (initdb) and
a replica of it (pg_basebackup), replay paused on the replica to make it lag. History,
statements and admin lists read the replica; the money checks and the postings read
and write the primary only."""
from __future__ import annotations

import uuid

import psycopg
import pytest

import settings
from db import redis as vp_redis
from tests.conftest import migrate
from tests.support.api import Api
from tests.support.replica import PrimaryAndReplica
from web.app import create_app
from workers import posting


@pytest.fixture(scope="module")
def cluster():
    pair = PrimaryAndReplica()
    try:
        pair.start()
        name = f"vp_replica_{uuid.uuid4().hex[:8]}"
        pair.create_database(name)
        migrate(pair.url(name, driver="postgresql+psycopg"))
        pair.wait_replayed()
        yield pair, name
    finally:
        pair.stop()


@pytest.fixture()
def on_replica(cluster):
    """An app whose writes and money checks go to the primary and whose lagging reads
    go to the replica; a connection to the primary for set-up; a posting drain."""
    pair, name = cluster
    primary = pair.url(name, driver="postgresql+psycopg")
    app = create_app(test_config={"database_url": primary,
                                  "database_read_url": pair.url(name, replica=True,
                                                                driver="postgresql+psycopg")})
    s = settings.load().with_overrides(database_url=primary)

    def post_queued() -> None:  # the posting job, run here against the private primary
        posting.drain(s, vp_redis.client(s.redis_url))

    with psycopg.connect(pair.url(name), autocommit=True) as conn:
        yield pair, Api(app.test_client(), conn), post_queued


def history_amounts(api: Api, caller) -> list[str]:
    response = api.get("/transactions/history", caller)
    assert response.status_code == 200, response.json
    return sorted(row["amount"] for row in response.json["data"]["items"])


def test_history_lags_with_the_replica_while_a_sends_balance_check_sees_the_primary(on_replica):
    pair, api, post_queued = on_replica
    alice, bob = api.wallet(), api.wallet()
    api.topup(alice, "50.00")
    post_queued()
    pair.wait_replayed()
    assert history_amounts(api, alice) == ["50.00"]

    pair.replica_sql("SELECT pg_wal_replay_pause()")
    try:
        api.topup(alice, "30.00")
        post_queued()
        # The replica has not replayed the second top-up: history (read there) lags.
        assert history_amounts(api, alice) == ["50.00"]
        statement = api.get("/transactions/statement", alice)
        assert statement.status_code == 200 and "30.00" not in statement.get_data(as_text=True)
        # The send's balance check reads the primary (80.00), not the replica (50.00).
        sent = api.send(alice, bob, "70.00")
        assert sent.status_code == 202, sent.json
        post_queued()
        assert api.wait_finished(alice, sent.json["data"]["operation_id"])["status"] == "completed"
        assert api.balance(alice) == "10.00"  # the balance itself is the primary's
        assert history_amounts(api, alice) == ["50.00"]
    finally:
        pair.replica_sql("SELECT pg_wal_replay_resume()")
    pair.wait_replayed()
    assert history_amounts(api, alice) == ["30.00", "50.00", "70.00"]
