"""The posting job on its own and under fire: re-checks under lock, exactly-once effect
under concurrency, redelivery and a worker killed mid-posting."""
from __future__ import annotations

import json
import random
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import psycopg
import pytest
from celery.signals import before_task_publish

from checks.ledger import violations, wait_all_finished
from tests.support import operations
from tests.support.api import PIN, Api
from tests.support.waiting import eventually

pytestmark = pytest.mark.usefixtures("worker")


def test_worker_fails_an_overdraft_that_slipped_past_the_api_and_moves_nothing(api, db):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    operation_id = operations.enqueue_accepted(db, alice, "send", "10.01", recipient_wallet_id=bob.wallet_id)
    assert operations.outcome(db, operation_id) == ("failed", "INSUFFICIENT_BALANCE")
    assert (api.balance(alice), api.balance(bob)) == ("10.00", "0.00")
    failed = api.get(f"/operations/{operation_id}", alice).json["data"]
    assert failed["error"]["error_code"] == "INSUFFICIENT_BALANCE" and failed["result"] is None


@pytest.mark.parametrize("sender_state, recipient_state, code", [
    ("frozen:admin", "active", "WALLET_FROZEN"),
    ("closed", "active", "WALLET_CLOSED"),
    ("active", "frozen:admin", "RECIPIENT_WALLET_INACTIVE"),
    ("active", "closed", "RECIPIENT_WALLET_INACTIVE"),
])
def test_worker_rechecks_wallet_status_under_lock(api, db, sender_state, recipient_state, code):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    for caller, state in ((alice, sender_state), (bob, recipient_state)):
        status, _, reason = state.partition(":")
        db.execute("UPDATE wallets SET status = %s, freeze_reason = %s WHERE id = %s",
                   (status, reason or None, caller.wallet_id))
    operation_id = operations.enqueue_accepted(db, alice, "send", "1.00", recipient_wallet_id=bob.wallet_id)
    assert operations.outcome(db, operation_id) == ("failed", code)
    balance = db.execute("SELECT balance FROM wallets WHERE id = %s", (alice.wallet_id,)).fetchone()[0]
    assert balance == Decimal("10.00")


@pytest.mark.parametrize("reason", ["self", "pin_lockout"])
def test_worker_credits_a_recipient_frozen_by_itself_or_a_pin_lockout(api, db, reason):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = %s WHERE id = %s",
               (reason, bob.wallet_id))
    operation_id = operations.enqueue_accepted(db, alice, "send", "1.00", recipient_wallet_id=bob.wallet_id)
    assert operations.outcome(db, operation_id) == ("completed", None)
    assert (api.balance(alice), api.balance(bob)) == ("9.00", "1.00")


def test_worker_fails_a_send_to_a_wallet_that_does_not_exist(api, db):
    alice = api.wallet(funds="10.00")
    operation_id = operations.enqueue_accepted(db, alice, "send", "1.00", recipient_wallet_id="VPY-000000")
    assert operations.outcome(db, operation_id) == ("failed", "RECIPIENT_WALLET_NOT_FOUND")


def test_redelivered_posting_job_posts_once(api, db):
    alice = api.wallet()
    operation_id = operations.enqueue_accepted(db, alice, "topup", "5.00", payment_method="upi")
    operations.publish("topup", operation_id, times=5)  # the broker may hand it out again
    wait_all_finished(db, [operation_id])
    time.sleep(1.5)  # let the duplicates run
    assert api.balance(alice) == "5.00"
    assert db.execute("SELECT count(*) FROM journals WHERE operation_id = %s",
                      (operation_id,)).fetchone()[0] == 1


def test_an_operation_whose_message_was_lost_is_resent_by_the_sweeper(api, db):
    alice = api.wallet()
    # Committed, but never published: the API died between commit and enqueue.
    operation_id = operations.insert_accepted(db, alice, "topup", "3.00")
    assert wait_all_finished(db, [operation_id], timeout_s=30)[operation_id] == "completed"
    assert api.balance(alice) == "3.00"


def test_an_outbox_row_left_behind_is_published_by_the_sweeper(api, db):
    alice = api.wallet()
    operation_id = operations.insert_accepted(db, alice, "topup", "4.00")
    db.execute("INSERT INTO outbox (task_name, args) VALUES ('workers.post_topup', %s)",
               (json.dumps([operation_id]),))
    assert wait_all_finished(db, [operation_id], timeout_s=20)[operation_id] == "completed"
    assert db.execute("SELECT count(*) FROM outbox WHERE args->>0 = %s",
                      (operation_id,)).fetchone()[0] == 0


def test_300_concurrent_sends_among_10_wallets_conserve_money(app, db):
    rng = random.Random(7)
    api = Api(app.test_client(), db)
    wallets = [api.wallet(funds="100.00") for _ in range(10)]
    ids = {w.wallet_id for w in wallets}

    def send(_):
        sender, recipient = rng.sample(wallets, 2)
        amount = f"{rng.randint(1, 6000) / 100:.2f}"  # many will overdraw
        return Api(app.test_client(), db).send(sender, recipient, amount)

    with ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(send, range(300)))
    accepted = [r.json["data"]["operation_id"] for r in responses if r.status_code == 202]
    refused = {(r.status_code, r.json["error_code"]) for r in responses if r.status_code != 202}
    assert refused <= {(402, "INSUFFICIENT_BALANCE")}
    assert len(accepted) > 100

    statuses = wait_all_finished(db, accepted, timeout_s=120)
    assert set(statuses.values()) <= {"completed", "failed"}
    assert "failed" in statuses.values() or refused  # overdrafts were caught somewhere
    balances = dict(db.execute("SELECT id, balance FROM wallets WHERE id = ANY(%s)",
                               (list(ids),)).fetchall())
    assert sum(balances.values()) == Decimal("1000.00")
    assert min(balances.values()) >= 0
    assert violations(db) == []


def test_20_concurrent_requests_with_one_key_make_one_operation_and_one_posting(app, db):
    api = Api(app.test_client(), db)
    alice, bob = api.wallet(funds="50.00"), api.wallet()

    def send(_):
        return Api(app.test_client(), db).send(alice, bob, "12.00", key="same-key")

    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(send, range(20)))
    assert {r.status_code for r in responses} <= {200, 202}
    assert sorted(r.status_code for r in responses).count(202) == 1
    [operation_id] = {r.json["data"]["operation_id"] for r in responses}
    wait_all_finished(db, [operation_id])
    assert db.execute("SELECT count(*) FROM operations WHERE user_id = %s AND type = 'send'",
                      (alice.user_id,)).fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM journals WHERE operation_id = %s",
                      (operation_id,)).fetchone()[0] == 1
    assert api.balance(alice) == "38.00" and api.balance(bob) == "12.00"


def test_worker_killed_mid_posting_finishes_every_operation_exactly_once(
        app, db, worker, database_url):
    api = Api(app.test_client(), db)
    wallets = [api.wallet(funds="50.00") for _ in range(6)]
    rng = random.Random(11)

    def send(_):
        sender, recipient = rng.sample(wallets, 2)
        return Api(app.test_client(), db).send(sender, recipient, f"{rng.randint(1, 900) / 100:.2f}")

    # Our own row lock on one wallet: the posting transaction of any batch that touches
    # it waits, open, mid-posting, while batches without it go on (its Redis lock held).
    # The batched worker keeps pace with the submitting threads, so without this the
    # kill could land after the last posting.
    blocker = psycopg.connect(database_url.replace("+psycopg", ""))
    try:
        try:
            blocker.execute("SELECT 1 FROM wallets WHERE id = %s FOR NO KEY UPDATE",
                            (wallets[0].wallet_id,))
            with ThreadPoolExecutor(8) as pool:
                responses = list(pool.map(send, range(200)))
            accepted = [r.json["data"]["operation_id"] for r in responses if r.status_code == 202]
            eventually(lambda: _finished_count(db, accepted) >= 5, 30, interval_s=0.01)
            worker.kill()  # SIGKILL parent and children mid-stream: no acks, no clean-up
        finally:
            blocker.rollback()
            blocker.close()
        finished = _finished_count(db, accepted)
    finally:
        # Whatever failed above, the tests after this one need a running worker.
        if worker.process.poll() is not None:
            worker.start()
    assert 5 <= finished < len(accepted), "the kill must land mid-stream to prove anything"
    statuses = wait_all_finished(db, accepted, timeout_s=120)
    assert set(statuses.values()) <= {"completed", "failed"}, statuses
    journals = dict(db.execute(
        "SELECT operation_id::text, count(*) FROM journals WHERE operation_id::text = ANY(%s)"
        " GROUP BY operation_id", (accepted,)).fetchall())
    completed = [op for op, status in statuses.items() if status == "completed"]
    assert all(journals.get(op) == 1 for op in completed)
    assert not set(journals) - set(completed)
    balances = [row[0] for row in db.execute("SELECT balance FROM wallets WHERE id = ANY(%s)",
                                             ([w.wallet_id for w in wallets],)).fetchall()]
    assert sum(balances) == Decimal("300.00")
    assert violations(db) == []


def _finished_count(db, operation_ids: list[str]) -> int:
    return db.execute("SELECT count(*) FROM operations WHERE id::text = ANY(%s)"
                      " AND status IN ('completed', 'failed')", (operation_ids,)).fetchone()[0]


_HEXISH = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|[0-9a-fA-F]{32}|VPY-[A-Z0-9]{6}|VP-TXN-[A-Z0-9]{10}")


def _mentions(pin: str, text: str) -> bool:
    # Ids are random hex and could contain the digits by chance; strip them first.
    return re.search(rf"(?<!\d){pin}(?!\d)", _HEXISH.sub("", text)) is not None


def test_the_pin_never_reaches_the_broker_the_operations_or_the_logs(app, db, worker, caplog):
    published = []

    def capture(sender=None, body=None, headers=None, **_):
        published.append((sender, body, headers))

    before_task_publish.connect(capture)
    try:
        api = Api(app.test_client(), db)
        alice, bob = api.wallet(funds="20.00"), api.wallet()
        sent = api.send(alice, bob, "2.00", wait=10).json["data"]
        withdrawn = api.money("withdraw", alice, {"amount": "1.00", "bank_account": "123456789",
                                                  "ifsc": "SBIN0000001", "pin": PIN}, wait=10)
    finally:
        before_task_publish.disconnect(capture)
    assert sent["status"] == "completed" and withdrawn.json["data"]["status"] == "completed"
    for _, body, headers in published:
        args, kwargs, _ = body
        assert len(args) == 1 and uuid.UUID(args[0]) and kwargs == {}
        assert "pin" not in json.dumps(headers).lower()
    rows = db.execute("SELECT o::text FROM operations o WHERE user_id = %s", (alice.user_id,)).fetchall()
    assert rows and not any(_mentions(PIN, row[0]) or '"pin"' in row[0] for row in rows)
    assert not _mentions(PIN, worker.logs())
    assert not _mentions(PIN, caplog.text)
