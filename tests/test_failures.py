"""Failures of the pieces around the API: a posting job that keeps killing its worker,
PostgreSQL or Redis unreachable, a broker that refuses the publish. The shared servers
are never stopped (other runs use them): "unreachable" is an app pointed at a closed
port, and a dropped connection is pg_terminate_backend or CLIENT KILL of our own."""
from __future__ import annotations

import os
import time
import uuid

import psycopg
import pytest
import redis as redis_lib

from checks.ledger import violations, wait_all_finished
from db import redis as vp_redis
from tests.conftest import ROOT
from tests.support import operations, routes
from tests.support.api import PASSWORD, Api
from tests.support.routes import NOWHERE
from tests.support.waiting import eventually
from tests.support.worker import CeleryWorker
from web.app import create_app
from workers.app import POSTING_TASKS, celery

pytestmark = pytest.mark.usefixtures("worker")

CLOSED_PORT_DB = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


# --- a posting job that keeps killing its worker ----------------------------------------
HARD_LIMIT_S = 1.5


@pytest.fixture()
def short_fused_worker(worker, tmp_path):
    """The session worker swapped, for one test, for one whose hard time limit is short
    (the soft one equal to it, so the pool child is killed rather than interrupted)."""
    worker.kill()
    env = {**os.environ, "TASK_TIME_LIMIT": str(HARD_LIMIT_S), "TASK_SOFT_TIME_LIMIT": str(HARD_LIMIT_S),
           "WALLET_LOCK_TTL_MS": "1000"}
    short_fused = CeleryWorker(ROOT, tmp_path, env)
    try:
        short_fused.start()
        yield short_fused
    finally:
        short_fused.stop()
        worker.start()


def test_a_posting_that_keeps_killing_its_worker_is_dead_lettered_after_bounded_deliveries(
        api, db, database_url, short_fused_worker):
    alice = api.wallet()
    blocker = psycopg.connect(database_url.replace("+psycopg", ""))
    try:
        # Our own row lock on the wallet: every delivery's posting waits on it until
        # the hard time limit kills the pool child.
        blocker.execute("SELECT 1 FROM wallets WHERE id = %s FOR NO KEY UPDATE",
                        (alice.wallet_id,))
        started = time.monotonic()
        operation_id = operations.insert_accepted(db, alice, "topup", "5.00", payment_method="upi")
        # Published as the API does, without time limits in the message: a publisher
        # that has the task registered (this process may) would otherwise stamp its own.
        celery.send_task(POSTING_TASKS["topup"], args=[operation_id], time_limit=None,
                         soft_time_limit=None)
        status = wait_all_finished(db, [operation_id], timeout_s=25)[operation_id]
        elapsed = time.monotonic() - started
    finally:
        blocker.rollback()
        blocker.close()
    row = db.execute("SELECT status, error_code, deliveries FROM operations WHERE id = %s",
                     (operation_id,)).fetchone()
    assert status == "failed" and row[:2] == ("failed", "POSTING_FAILED"), row
    assert row[2] == 6  # five deliveries killed, the sixth dead-letters it
    assert _eventually(lambda: short_fused_worker.logs().count("Hard time limit") >= 5)
    # Redelivered at once each time (reject on worker lost), not after the broker's
    # visibility timeout (15 s) or the sweeper's patience (6 s) per delivery.
    assert elapsed < 5 * (HARD_LIMIT_S + 3), elapsed
    assert api.balance(alice) == "0.00"
    assert db.execute("SELECT count(*) FROM journals WHERE operation_id = %s",
                      (operation_id,)).fetchone()[0] == 0
    assert violations(db) == []


def _eventually(condition, timeout_s: float = 10) -> bool:
    # The worker's log reaches its file late.
    return bool(eventually(condition, timeout_s, interval_s=0.2))


# --- PostgreSQL or Redis unreachable -------------------------------------------------------
PLACEHOLDERS = {"wallet_id": "VPY-000000", "action": "send_money",
                "key": "limits.tier1.send_money", "reference_id": "VP-TXN-0000000000"}
# Calls answered without the backing service, by design.
NEEDS_NO_DATABASE = {"POST /ip-trust/confirm"}  # tokens live in Redis
# Refresh tokens are rows in PostgreSQL (only access-token revocations are in Redis).
# Registration counts its attempts per IP in Redis (API.md section 13), like login, and
# refuses rather than let an unthrottled flood through while Redis is away.
NEEDS_NO_REDIS = {"POST /auth/refresh"}


def placeholders(route: str) -> dict[str, str]:
    return {name: PLACEHOLDERS.get(name, NOWHERE) for name in routes.parameters(route)}


def public_bodies(caller) -> dict[str, dict]:
    """Valid bodies for the calls without a token (the others fail at the token)."""
    return {
        "POST /auth/register": {"email": f"x{uuid.uuid4().hex[:8]}@example.com",
                                "password": PASSWORD, "full_name": "Down Test"},
        "POST /auth/login": {"email": caller.email, "password": PASSWORD},
        "POST /auth/refresh": {"refresh_token": caller.refresh_token},
        "POST /ip-trust/confirm": {"token": "t" * 43},
    }


def walk(down_app, caller) -> dict[str, object]:
    client, bodies = down_app.test_client(), public_bodies(caller)
    return {route: routes.call(client, route, caller.headers, placeholders(route),
                               bodies.get(route))
            for route in routes.api_routes(client)}


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.get_json()
    assert response.json["error_code"] == "SERVICE_UNAVAILABLE"
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "psycopg" not in body and "127.0.0.1" not in body


def test_with_postgresql_unreachable_every_call_that_needs_it_is_503(api):
    caller = api.wallet(funds="20.00")
    down = create_app(test_config={"database_url": CLOSED_PORT_DB})
    for route, response in walk(down, caller).items():
        if route in NEEDS_NO_DATABASE:
            assert response.status_code < 500, (route, response.json)
        else:
            assert_unavailable(response)
    client = down.test_client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json["details"] == {
        "database": False, "redis": True, "broker": True}


def test_with_redis_unreachable_every_call_that_needs_it_is_503_and_nothing_is_half_done(api, db):
    caller = api.wallet(funds="20.00")
    bob = api.wallet()
    down = create_app(test_config={"redis_url": CLOSED_PORT_REDIS})
    for route, response in walk(down, caller).items():
        if route in NEEDS_NO_REDIS:
            assert response.status_code < 500, (route, response.json)
        else:
            assert_unavailable(response)
    down_api = Api(down.test_client(), db)
    key = uuid.uuid4().hex
    assert_unavailable(down_api.send(caller, bob, "5.00", key=key))
    assert_unavailable(down_api.post("/auth/login", json={"email": caller.email,
                                                          "password": PASSWORD}))
    assert db.execute("SELECT count(*) FROM operations WHERE idempotency_key = %s",
                      (key,)).fetchone()[0] == 0
    assert (api.balance(caller), api.balance(bob)) == ("20.00", "0.00")
    # The same request once Redis is back goes through as if it were the first.
    assert api.send(caller, bob, "5.00", key=key, wait=10).status_code == 201
    assert (api.balance(caller), api.balance(bob)) == ("15.00", "5.00")


def test_after_postgresql_drops_every_connection_the_next_calls_succeed(api, db):
    caller, bob = api.wallet(funds="20.00"), api.wallet()
    for _ in range(3):
        assert api.get("/wallets/balance", caller).status_code == 200
    killed = db.execute(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]
    assert killed >= 1
    assert api.get("/wallets/balance", caller).status_code == 200
    # The worker's connections were dropped too: it recovers on its own as well.
    sent = api.send(caller, bob, "4.00", wait=10)
    assert sent.status_code == 201 and sent.json["data"]["status"] == "completed"
    assert (api.balance(caller), api.balance(bob)) == ("16.00", "4.00")
    assert violations(db) == []


def test_after_redis_drops_the_apps_connections_the_next_calls_succeed(api, app):
    caller = api.wallet()
    assert api.get("/auth/me", caller).status_code == 200
    r = vp_redis.client(app.config["SETTINGS"].redis_url)
    ids = [_connection_id(conn) for conn in list(r.connection_pool._available_connections)]
    assert ids
    killer = redis_lib.Redis.from_url(app.config["SETTINGS"].redis_url)
    for client_id in ids:
        killer.client_kill_filter(_id=client_id)
    killer.close()
    for _ in range(3):
        assert api.get("/auth/me", caller).status_code == 200


def _connection_id(conn) -> int:
    conn.send_command("CLIENT", "ID")
    return int(conn.read_response())


# --- the broker refuses the publish ---------------------------------------------------------
def test_a_money_call_whose_publish_fails_is_accepted_and_completed_by_the_sweeper(
        api, db, monkeypatch, caplog):
    caller = api.wallet()
    # This process's broker is unreachable (the worker's is not: it runs the sweeper).
    monkeypatch.setenv("CELERY_BROKER_URL", CLOSED_PORT_REDIS)  # Celery reads it first
    monkeypatch.setattr(celery, "_pool", None)
    monkeypatch.setattr(celery.amqp, "_producer_pool", None)
    response = api.money("topup", caller, {"amount": "9.00", "payment_method": "upi"})
    assert response.status_code == 202
    operation_id = response.json["data"]["operation_id"]
    assert "publish deferred to the sweeper" in caplog.text
    assert db.execute("SELECT count(*) FROM outbox WHERE args->>0 = %s",
                      (operation_id,)).fetchone()[0] == 1
    monkeypatch.undo()
    assert wait_all_finished(db, [operation_id], timeout_s=20)[operation_id] == "completed"
    assert api.balance(caller) == "9.00"
    assert db.execute("SELECT count(*) FROM outbox WHERE args->>0 = %s",
                      (operation_id,)).fetchone()[0] == 0
