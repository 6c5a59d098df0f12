"""Webhooks through the API, delivered by the real Celery worker to a real HTTP
receiver on 127.0.0.1: registration, URL rules, signatures, retries, idempotency."""
from __future__ import annotations

import json
import socket
import time
import uuid

import pytest

from tests.support.api import Api
from tests.support.receiver import SLOW, Receiver
from tests.support.waiting import eventually
from workers import outbox

EVENTS = ["operation.completed", "operation.failed", "transaction.credited"]


def _register(api, caller, url: str, events=None):
    return api.post("/webhooks", caller, json={"url": url, "events": events or EVENTS})


def _registered(api, caller, receiver: Receiver, path: str, events=None) -> dict:
    response = _register(api, caller, receiver.url(path), events)
    assert response.status_code == 201, response.json
    receiver.secrets[path] = response.json["data"]["secret"]
    return response.json["data"]


def _deliveries(db, webhook_id: str) -> list:
    return db.execute(
        "SELECT d.id::text, d.status, d.attempts, e.type FROM webhook_deliveries d"
        " JOIN webhook_events e ON e.id = d.event_id WHERE d.webhook_id = %s ORDER BY d.created_at",
        (webhook_id,)).fetchall()


def _attempts(db, delivery_id: str) -> list:
    return db.execute(
        "SELECT attempt, status_code, error, duration_ms FROM webhook_delivery_attempts"
        " WHERE delivery_id = %s ORDER BY attempt", (delivery_id,)).fetchall()


def _wait_status(db, webhook_id: str, status: str, timeout_s: float = 30) -> list:
    seen = []

    def settled() -> bool:
        seen.append(_deliveries(db, webhook_id))
        return bool(seen[-1]) and all(row[1] == status for row in seen[-1])

    eventually(settled, timeout_s)
    return seen[-1]


@pytest.fixture()
def strict_api(db):
    """An API whose configuration allows no host at all (production's default)."""
    from web.app import create_app

    return Api(create_app({"webhook_allowed_hosts": ()}).test_client(), db)


# --- registration ----------------------------------------------------------------------
def test_registration_shows_the_secret_once_and_never_again(api, db):
    alice = api.user()
    response = _register(api, alice, "http://127.0.0.1:9/hooks", ["operation.completed"] * 2)
    assert response.status_code == 201, response.json
    created = response.json["data"]
    assert set(created) == {"webhook_id", "url", "events", "secret", "created_at"}
    assert created["secret"].startswith("whsec_") and len(created["secret"]) >= 40
    assert created["events"] == ["operation.completed"]

    listed = api.get("/webhooks", alice).json["data"]
    assert listed["total"] == 1
    assert listed["items"] == [{k: v for k, v in created.items() if k != "secret"}]
    stored = db.execute("SELECT secret_sealed FROM webhook_endpoints WHERE id = %s",
                        (created["webhook_id"],)).fetchone()[0]
    assert created["secret"].encode() not in bytes(stored)


@pytest.mark.parametrize("body", [
    {"url": "http://127.0.0.1:9/x", "events": ["operation.exploded"]},
    {"url": "http://127.0.0.1:9/x", "events": []},
    {"url": "http://127.0.0.1:9/x"},
    {"events": ["operation.completed"]},
    {"url": "http://127.0.0.1:9/x", "events": ["operation.completed"], "secret": "mine"},
])
def test_a_malformed_registration_is_refused(api, body):
    response = api.post("/webhooks", api.user(), json=body)
    assert response.status_code == 422, response.json
    assert response.json["error_code"] == "VALIDATION_ERROR"


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/hook",
    "https://10.0.0.1/hook",
    "https://127.0.0.1/hook",
    "https://localhost/hook",
    "https://[::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://192.168.1.20:8443/hook",
    "https://100.64.0.1/hook",
    "https://0.0.0.0/hook",
    "https://224.0.0.1/hook",
    "https://2130706433/hook",  # 127.0.0.1 written as one number
    "https://user:pass@example.com/hook",
    "https://no-such-host.invalid/hook",
    "ftp://example.com/hook",
    "javascript:alert(1)",
    "not a url",
])
def test_urls_that_could_reach_inside_are_refused(strict_api, url):
    response = _register(strict_api, strict_api.user(), url)
    assert response.status_code == 422, (url, response.json)
    assert response.json["error_code"] == "VALIDATION_ERROR"
    assert list(response.json["details"]) == ["url"]


@pytest.mark.parametrize("url", ["http://localhost:8080/x", "https://localhost/x",
                                 "http://10.0.0.1/x", "ftp://127.0.0.1/x"])
def test_only_the_configured_host_is_allowed_over_http(api, url):
    response = _register(api, api.user(), url)
    assert response.status_code == 422, response.json
    assert list(response.json["details"]) == ["url"]


def test_another_users_webhook_is_not_found_and_an_owner_can_delete(api):
    alice, mallory = api.user(), api.user()
    webhook_id = _register(api, alice, "http://127.0.0.1:9/x").json["data"]["webhook_id"]

    for caller, path in ((mallory, webhook_id), (alice, "not-a-uuid"), (alice, str(uuid.uuid4()))):
        response = api.call("DELETE", f"/webhooks/{path}", caller)
        assert response.status_code == 404 and response.json["error_code"] == "WEBHOOK_NOT_FOUND"
    assert api.get("/webhooks", mallory).json["data"]["total"] == 0
    assert api.get("/webhooks", alice).json["data"]["total"] == 1

    deleted = api.call("DELETE", f"/webhooks/{webhook_id}", alice)
    assert deleted.status_code == 200 and "secret" not in deleted.json["data"]
    assert api.get("/webhooks", alice).json["data"]["total"] == 0
    assert api.call("DELETE", f"/webhooks/{webhook_id}", alice).status_code == 404


def test_webhooks_need_a_login(api):
    assert api.get("/webhooks").status_code == 401
    assert api.post("/webhooks", json={"url": "http://127.0.0.1:9/", "events": EVENTS}).status_code == 401


# --- delivery --------------------------------------------------------------------------
def test_a_delivery_is_signed_retried_twice_and_accepted_exactly_once(api, db, worker, caplog):
    alice, bob = api.wallet(funds="50.00"), api.wallet()
    with Receiver(script=(500, 500, 200)) as receiver:
        hook = _registered(api, alice, receiver, "/alice", ["operation.completed"])
        bob_hook = _registered(api, bob, receiver, "/bob", ["transaction.credited"])
        operation = api.send(alice, bob, "12.50", wait=10).json["data"]
        assert operation["status"] == "completed"

        [completed] = receiver.wait_accepted("/alice")
        [credited] = receiver.wait_accepted("/bob")
        time.sleep(1.5)  # time enough for any extra (wrong) delivery to arrive
        for path in ("/alice", "/bob"):
            assert [r.answered for r in receiver.at(path)] == [500, 500, 200]
            assert all(r.signature_ok for r in receiver.at(path))
            assert len({r.event["id"] for r in receiver.at(path)}) == 1  # the same event, resent
    assert completed.headers["Content-Type"] == "application/json"
    event = completed.event
    assert set(event) == {"id", "type", "created_at", "data"}
    assert event["type"] == "operation.completed"
    assert event["data"]["operation_id"] == operation["operation_id"]
    assert event["data"]["result"]["transactions"][0]["type"] == "debit"
    assert credited.event["type"] == "transaction.credited"
    assert (credited.event["data"]["wallet_id"], credited.event["data"]["amount"]) == (bob.wallet_id, "12.50")

    for webhook in (hook, bob_hook):
        [(delivery_id, status, attempts, _)] = _deliveries(db, webhook["webhook_id"])
        assert (status, attempts) == ("delivered", 3)
        assert [(a[0], a[1]) for a in _attempts(db, delivery_id)] == [(1, 500), (2, 500), (3, 200)]
        assert all(a[3] >= 0 for a in _attempts(db, delivery_id))
    for secret in receiver.secrets.values():  # never logged, by the API or the worker
        assert secret not in worker.logs() and secret not in caplog.text


@pytest.mark.usefixtures("worker")
def test_a_delivered_event_is_not_sent_again_when_its_job_is_redelivered(api, db):
    alice = api.wallet()
    with Receiver() as receiver:
        hook = _registered(api, alice, receiver, "/hook", ["operation.completed"])
        api.topup(alice, "5.00", wait=10)
        receiver.wait_accepted("/hook")
        [(delivery_id, *_)] = _deliveries(db, hook["webhook_id"])
        for _ in range(3):  # the broker may hand a job out again at any time
            outbox.publish("workers.deliver_webhook", [delivery_id])
        time.sleep(1.5)
        assert len(receiver.at("/hook")) == 1
    assert len(_attempts(db, delivery_id)) == 1


@pytest.mark.usefixtures("worker")
def test_an_unreachable_endpoint_is_retried_with_backoff_then_marked_failed(api, db):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    alice = api.wallet()
    hook = _register(api, alice, f"http://127.0.0.1:{port}/gone", ["operation.completed"]).json["data"]
    api.topup(alice, "1.00", wait=10)
    [(delivery_id, status, attempts, _)] = _wait_status(db, hook["webhook_id"], "failed")
    assert (status, attempts) == ("failed", 4)  # WEBHOOK_MAX_ATTEMPTS in the tests
    rows = _attempts(db, delivery_id)
    assert [(a[1], a[2]) for a in rows] == [(None, "connection failed")] * 4
    times = db.execute("SELECT attempted_at FROM webhook_delivery_attempts WHERE delivery_id = %s"
                       " ORDER BY attempt", (delivery_id,)).fetchall()
    gaps = [(b[0] - a[0]).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    assert gaps[0] >= 0.15 and gaps[1] >= 0.35  # 0.2 s, then 0.4 s: exponential


@pytest.mark.usefixtures("worker")
def test_a_receiver_that_answers_too_late_times_out_and_is_retried(api, db):
    alice = api.wallet()
    with Receiver(script=(SLOW, 200)) as receiver:
        hook = _registered(api, alice, receiver, "/slow", ["operation.completed"])
        api.topup(alice, "1.00", wait=10)
        assert len(receiver.wait_accepted("/slow")) == 1
    [(delivery_id, status, attempts, _)] = _wait_status(db, hook["webhook_id"], "delivered")
    assert [(a[1], a[2]) for a in _attempts(db, delivery_id)] == [(None, "timeout"), (200, None)]


@pytest.mark.usefixtures("worker")
def test_the_address_is_checked_again_at_delivery_time(api, db):
    alice = api.wallet()
    with Receiver() as receiver:
        hook = _registered(api, alice, receiver, "/hook", ["operation.completed"])
        # As if the name now resolved to an internal address (DNS rebinding).
        db.execute("UPDATE webhook_endpoints SET url = 'http://10.0.0.1/hook' WHERE id = %s",
                   (hook["webhook_id"],))
        api.topup(alice, "1.00", wait=10)
        [(delivery_id, *_)] = _wait_status(db, hook["webhook_id"], "failed")
        assert receiver.at("/hook") == []
    assert all(a[2].startswith("refused: ") and a[1] is None for a in _attempts(db, delivery_id))


@pytest.mark.usefixtures("worker")
def test_deleting_a_webhook_stops_its_deliveries(api, db):
    alice = api.wallet()
    with Receiver(script=(500,)) as receiver:
        hook = _registered(api, alice, receiver, "/hook", ["operation.completed"])
        api.topup(alice, "1.00", wait=10)
        while not receiver.at("/hook"):
            time.sleep(0.05)
        api.call("DELETE", f"/webhooks/{hook['webhook_id']}", alice)
        [(_, status, attempts, _)] = _wait_status(db, hook["webhook_id"], "cancelled")
        assert status == "cancelled" and attempts < 4
        time.sleep(1.5)
        assert len(receiver.at("/hook")) <= attempts + 1  # at most one was already on its way


@pytest.mark.usefixtures("worker")
def test_a_delivery_whose_job_was_lost_is_sent_by_the_requeue_sweep(api, db):
    from workers.webhooks import requeue_webhook_deliveries

    alice = api.user()
    with Receiver() as receiver:
        hook = _registered(api, alice, receiver, "/hook", ["kyc.decided"])
        event_id, delivery_id = uuid.uuid4(), uuid.uuid4()
        db.execute("INSERT INTO webhook_events (id, user_id, type, data) VALUES (%s, %s, 'kyc.decided', %s)",
                   (event_id, alice.user_id, json.dumps({"status": "approved"})))
        db.execute("INSERT INTO webhook_deliveries (id, event_id, webhook_id, next_attempt_at)"
                   " VALUES (%s, %s, %s, now() - interval '1 hour')",
                   (delivery_id, event_id, hook["webhook_id"]))  # committed, never published
        assert requeue_webhook_deliveries() >= 1  # overdue by an hour: past the 300 s
        [received] = receiver.wait_accepted("/hook")
    assert received.event["id"] == str(event_id) and received.signature_ok
