"""What finished operations announce: notifications written once in the posting
transaction (also when the posting job is redelivered), webhook events only to the
owner concerned, and emit() for the other features' events."""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from celery.signals import before_task_publish

from checks.ledger import wait_all_finished
from db.session import unit_of_work
from services.events import emit
from tests.support import operations
from tests.support.receiver import Receiver

pytestmark = pytest.mark.usefixtures("worker")
ALL = ["operation.completed", "operation.failed", "transaction.credited", "kyc.decided",
       "dispute.resolved"]


def _subscribe(api, caller, receiver: Receiver, path: str, events=None) -> str:
    response = api.post("/webhooks", caller, json={"url": receiver.url(path), "events": events or ALL})
    assert response.status_code == 201, response.json
    receiver.secrets[path] = response.json["data"]["secret"]
    return response.json["data"]["webhook_id"]


def _notifications(db, user_id: str, type_: str, operation_id: str | None = None) -> list:
    query = "SELECT title, body, metadata FROM notifications WHERE user_id = %s AND type = %s"
    params: tuple = (user_id, type_)
    if operation_id:
        query += " AND metadata->>'operation_id' = %s"
        params += (operation_id,)
    return db.execute(query, params).fetchall()


def _events(db, user_id: str) -> list[tuple[str, dict]]:
    return db.execute("SELECT type, data FROM webhook_events WHERE user_id = %s ORDER BY created_at",
                      (user_id,)).fetchall()


def _accepted_operation(db, owner, kind: str, amount: str, **payload) -> str:
    """An operation as the API would have accepted it, its job published five times."""
    operation_id = operations.insert_accepted(db, owner, kind, amount, **payload)
    operations.publish(kind, operation_id, times=5)  # at-least-once: the same job, again
    assert wait_all_finished(db, [operation_id])[operation_id] in ("completed", "failed")
    time.sleep(1)  # let the duplicates run
    return operation_id


def _settled(receiver: Receiver, paths: list[str]) -> None:
    """Wait until the receiver has been quiet for a while."""
    count, quiet_since = -1, time.monotonic()
    while time.monotonic() - quiet_since < 1.0:
        now = sum(len(receiver.at(p)) for p in paths)
        if now != count:
            count, quiet_since = now, time.monotonic()
        time.sleep(0.05)


def test_a_completed_send_tells_each_side_only_its_own_news(api, db):
    alice, bob = api.wallet(funds="40.00"), api.wallet()
    with Receiver() as receiver:
        _subscribe(api, alice, receiver, "/alice")
        _subscribe(api, bob, receiver, "/bob")
        operation = api.send(alice, bob, "15.00", wait=10).json["data"]
        receiver.wait_accepted("/alice")
        receiver.wait_accepted("/bob")
        _settled(receiver, ["/alice", "/bob"])
        to_alice = [r.event for r in receiver.at("/alice")]
        to_bob = [r.event for r in receiver.at("/bob")]
    assert [e["type"] for e in to_alice] == ["operation.completed"]
    assert [e["type"] for e in to_bob] == ["transaction.credited"]
    completed = to_alice[0]["data"]
    assert (completed["operation_id"], completed["status"], completed["amount"]) == (
        operation["operation_id"], "completed", "15.00")
    assert [row["wallet_id"] for row in completed["result"]["transactions"]] == [alice.wallet_id]
    credit = to_bob[0]["data"]
    assert (credit["type"], credit["wallet_id"], credit["amount"], credit["balance_after"]) == (
        "credit", bob.wallet_id, "15.00", "15.00")
    assert credit["counterparty_wallet_id"] == alice.wallet_id

    [(title, body, metadata)] = _notifications(db, bob.user_id, "money_received")
    assert metadata["operation_id"] == operation["operation_id"] and metadata["amount"] == "15.00"
    assert "15.00 INR" in body and alice.wallet_id in body
    assert _notifications(db, alice.user_id, "money_received") == []


def test_a_redelivered_send_job_notifies_and_announces_once(api, db):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    with Receiver() as receiver:
        _subscribe(api, bob, receiver, "/bob", ["transaction.credited"])
        operation_id = _accepted_operation(db, alice, "send", "4.00", recipient_wallet_id=bob.wallet_id)
        receiver.wait_accepted("/bob")
        _settled(receiver, ["/bob"])
        assert len(receiver.at("/bob")) == 1
    assert len(_notifications(db, bob.user_id, "money_received", operation_id)) == 1
    assert [t for t, _ in _events(db, bob.user_id)] == ["transaction.credited"]


def test_a_failed_operation_notifies_its_owner_once_even_under_redelivery(api, db):
    alice, bob = api.wallet(funds="1.00"), api.wallet()
    with Receiver() as receiver:
        _subscribe(api, alice, receiver, "/alice")
        _subscribe(api, bob, receiver, "/bob")
        operation_id = _accepted_operation(db, alice, "send", "9.00", recipient_wallet_id=bob.wallet_id)
        [failed] = receiver.wait_accepted("/alice")
        _settled(receiver, ["/alice", "/bob"])
        assert len(receiver.at("/alice")) == 1 and receiver.at("/bob") == []
    assert failed.event["type"] == "operation.failed"
    assert failed.event["data"]["error"]["error_code"] == "INSUFFICIENT_BALANCE"
    assert failed.event["data"]["result"] is None
    [(title, body, metadata)] = _notifications(db, alice.user_id, "operation_failed", operation_id)
    assert metadata["error_code"] == "INSUFFICIENT_BALANCE" and "9.00 INR" in body
    assert _notifications(db, bob.user_id, "money_received") == []
    assert _notifications(db, bob.user_id, "operation_failed") == []


def test_a_topup_credits_its_owner_without_a_money_received_notification(api, db):
    alice = api.wallet()
    with Receiver() as receiver:
        _subscribe(api, alice, receiver, "/alice")
        api.topup(alice, "7.25", wait=10)
        receiver.wait_accepted("/alice", count=2)
        _settled(receiver, ["/alice"])
        types = sorted(r.event["type"] for r in receiver.at("/alice"))
    assert types == ["operation.completed", "transaction.credited"]
    assert _notifications(db, alice.user_id, "money_received") == []


def test_a_completed_refund_tells_the_disputer_money_arrived(api, db):
    alice, bob, moderator = api.wallet(funds="30.00"), api.wallet(), api.user("moderator")
    sent = api.send(alice, bob, "10.00", wait=10).json["data"]
    [debit] = sent["result"]["transactions"]
    dispute = api.post("/disputes", alice, json={"transaction_id": debit["transaction_id"],
                                                  "reason": "Goods never arrived"})
    assert dispute.status_code == 201, dispute.json
    resolved = api.post(f"/admin/disputes/{dispute.json['data']['dispute_id']}/resolve", moderator,
                        json={"resolution": "refund", "resolution_notes": "Confirmed"})
    assert resolved.status_code == 200, resolved.json
    refund_id = resolved.json["data"]["refund_operation_id"]
    assert api.wait_finished(alice, refund_id)["status"] == "completed"
    [(_, body, metadata)] = _notifications(db, alice.user_id, "money_received", refund_id)
    assert "refund of 10.00 INR" in body
    assert _notifications(db, bob.user_id, "money_received", refund_id) == []


def test_nothing_is_queued_for_users_without_webhooks(api, db):
    alice, bob = api.wallet(funds="5.00"), api.wallet()
    api.send(alice, bob, "1.00", wait=10)
    assert _events(db, alice.user_id) == [] and _events(db, bob.user_id) == []
    assert len(_notifications(db, bob.user_id, "money_received")) == 1


def test_emit_delivers_another_features_event_to_the_subscribed_endpoints_only(api, db, database_url):
    alice = api.user()
    with Receiver() as receiver:
        _subscribe(api, alice, receiver, "/kyc", ["kyc.decided"])
        _subscribe(api, alice, receiver, "/ops", ["operation.completed"])
        decided_at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
        published = []

        def capture(sender=None, body=None, **_):
            published.append((sender, body[0], body[1]))

        before_task_publish.connect(capture)
        try:
            with unit_of_work(database_url) as session:
                queued = emit(session, uuid.UUID(alice.user_id), "kyc.decided",
                              {"status": "approved", "decided_at": decided_at, "limit": Decimal("5000")})
        finally:
            before_task_publish.disconnect(capture)
        [received] = receiver.wait_accepted("/kyc")
        _settled(receiver, ["/kyc", "/ops"])
        assert receiver.at("/ops") == []
    assert queued == 1 and received.signature_ok
    [(task, args, kwargs)] = published  # the job carries the delivery id and nothing else
    assert task == "workers.deliver_webhook" and len(args) == 1 and uuid.UUID(args[0]) and kwargs == {}
    assert received.event["type"] == "kyc.decided"
    assert received.event["data"] == {"status": "approved", "decided_at": "2026-01-02T03:04:05+00:00",
                                      "limit": "5000.00"}


def test_emit_without_subscribers_writes_nothing_and_refuses_unknown_types(api, db, database_url):
    alice = api.user()
    with unit_of_work(database_url) as session:
        assert emit(session, uuid.UUID(alice.user_id), "dispute.resolved", {"status": "rejected"}) == 0
        with pytest.raises(ValueError):
            emit(session, uuid.UUID(alice.user_id), "wallet.exploded", {})
    assert _events(db, alice.user_id) == []
