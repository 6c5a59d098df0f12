"""Money under contention: many requests at once on the same wallets. Every request
goes through the real API (one test client per thread) and the real worker."""
from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from checks.ledger import violations, wait_all_finished
from db import outbox as recorded
from db.session import engine_for, unit_of_work
from tests.support.api import PIN, Api
from workers import outbox

pytestmark = pytest.mark.usefixtures("worker")


def wallet_balances(db, *callers) -> list[Decimal]:
    return [db.execute("SELECT balance FROM wallets WHERE id = %s", (c.wallet_id,)).fetchone()[0]
            for c in callers]


@pytest.mark.timeout(240)
def test_1000_opposing_transfers_all_complete_with_exact_balances(app, db, worker):
    api = Api(app.test_client(), db)
    alice, bob = api.wallet(funds="1000.00"), api.wallet(funds="1000.00")
    logs_before = len(worker.logs())
    # 500 of 1.00 one way and 500 of 0.50 the other, interleaved: every posting locks
    # both wallets, half of them in the opposite order of the request.
    plan = [(alice, bob, "1.00") if i % 2 == 0 else (bob, alice, "0.50") for i in range(1000)]

    def send(step):
        sender, recipient, amount = step
        return Api(app.test_client(), db).send(sender, recipient, amount)

    with ThreadPoolExecutor(24) as pool:
        responses = list(pool.map(send, plan))
    refused = [(r.status_code, r.json) for r in responses if r.status_code != 202]
    assert not refused, refused[:3]
    accepted = [r.json["data"]["operation_id"] for r in responses]
    assert len(set(accepted)) == 1000

    statuses = wait_all_finished(db, accepted, timeout_s=180)
    assert sorted(set(statuses.values())) == ["completed"], {
        s: sum(1 for v in statuses.values() if v == s) for s in set(statuses.values())}
    assert wallet_balances(db, alice, bob) == [Decimal("750.00"), Decimal("1250.00")]
    assert violations(db) == []
    # Locks are taken in one global order, so nothing had to be retried for a deadlock.
    assert "deadlock detected" not in worker.logs()[logs_before:]


def test_50_concurrent_withdrawals_of_10_from_100_complete_exactly_10(app, db):
    api = Api(app.test_client(), db)
    alice = api.wallet(funds="100.00")
    body = {"amount": "10.00", "bank_account": "123456789", "ifsc": "SBIN0000001", "pin": PIN}
    start, responses, guard = threading.Barrier(50), [], threading.Lock()

    def withdraw():
        client = Api(app.test_client(), db)
        start.wait()
        response = client.money("withdraw", alice, body)
        with guard:
            responses.append(response)

    threads = [threading.Thread(target=withdraw) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    accepted = [r.json["data"]["operation_id"] for r in responses if r.status_code == 202]
    refused = [(r.status_code, r.json["error_code"]) for r in responses if r.status_code != 202]
    assert len(responses) == 50
    assert set(refused) <= {(402, "INSUFFICIENT_BALANCE")}, refused
    statuses = wait_all_finished(db, accepted, timeout_s=60)
    completed = [op for op, status in statuses.items() if status == "completed"]
    failed = [op for op, status in statuses.items() if status == "failed"]
    assert len(completed) == 10 and len(completed) + len(failed) == len(accepted)
    if failed:
        codes = {row[0] for row in db.execute(
            "SELECT error_code FROM operations WHERE id::text = ANY(%s)", (failed,)).fetchall()}
        assert codes == {"INSUFFICIENT_BALANCE"}
    assert wallet_balances(db, alice) == [Decimal("0.00")]
    assert api.balance(alice) == "0.00"
    assert violations(db) == []


def test_a_job_is_published_once_the_requests_connection_is_back_in_the_pool(
        database_url, monkeypatch):
    # Publishing takes a connection of its own; taking it while still holding the
    # request's one let 50 concurrent requests drain the pool and time out with 500s.
    url = database_url + "?application_name=outbox-pool-test"  # an engine of its own
    engine = engine_for(url)
    checked_out = []
    monkeypatch.setattr(outbox, "publish",
                        lambda *args, **kwargs: checked_out.append(engine.pool.checkedout()))
    outbox.install()
    with unit_of_work(url) as session:
        recorded.enqueue_after_commit(session, "workers.post_topup", [str(uuid.uuid4())])
    assert checked_out == [0]


def test_a_send_is_accepted_while_a_posting_holds_the_senders_wallet_row(app, db, database_url):
    """A posting transaction locks its wallets' rows; a new send from one of them only
    needs the wallet to exist (its operation's foreign key), so it must not queue behind
    the posting."""
    from db import ledger

    api = Api(app.test_client(), db)
    alice, bob = api.wallet(funds="20.00"), api.wallet()
    answered = threading.Event()
    responses = []

    def send():
        responses.append(Api(app.test_client(), db).send(alice, bob, "5.00"))
        answered.set()

    with unit_of_work(database_url) as posting:
        ledger.lock_wallets_of_batch(posting, {alice.wallet_id, bob.wallet_id})
        thread = threading.Thread(target=send, daemon=True)
        thread.start()
        accepted_during_posting = answered.wait(15)
    thread.join(timeout=30)
    assert accepted_during_posting, "the send waited for the posting transaction to end"
    assert responses[0].status_code == 202, responses[0].json
    operation_id = responses[0].json["data"]["operation_id"]
    assert wait_all_finished(db, [operation_id]) == {operation_id: "completed"}
    assert wallet_balances(db, alice, bob) == [Decimal("15.00"), Decimal("5.00")]
