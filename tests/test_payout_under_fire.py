"""A 1,000-item payout whose worker is killed mid-stream, with some recipients closed or
frozen by an administrator and the payer's balance running out part way: checked item
by item against a replay of the rules in index order, against the ledger invariants,
and for exactly one posting and one announcement per item."""
from __future__ import annotations

import random
from decimal import Decimal

import psycopg
import pytest

from checks.ledger import payout_violations, violations
from tests.support.api import PIN, Api
from tests.support.waiting import eventually

FUNDS = Decimal("5000.00")
ITEMS = 1000
LATE_INDEX = 500  # the first item of a recipient whose row the test holds locked


def expected_outcomes(items: list[dict], unable: set[str]) -> list[tuple[str, str | None]]:
    """What the posting engine must decide, item by item in index order."""
    balance, outcomes = FUNDS, []
    for each in items:
        amount = Decimal(each["amount"])
        if each["recipient_wallet_id"] in unable:
            outcomes.append(("failed", "RECIPIENT_WALLET_INACTIVE"))
        elif amount > balance:
            outcomes.append(("failed", "INSUFFICIENT_BALANCE"))
        else:
            balance -= amount
            outcomes.append(("completed", None))
    return outcomes


@pytest.mark.timeout(300)
def test_a_1000_item_payout_survives_a_worker_kill_item_by_item(app, db, worker, database_url):
    api = Api(app.test_client(), db)
    rng = random.Random(17)
    payer = api.wallet(funds=str(FUNDS))
    recipients = [api.wallet() for _ in range(30)]
    late = api.wallet()
    closed, admin_frozen = recipients[:3], recipients[3]
    for wallet in closed:
        assert api.call("DELETE", "/wallets/me", wallet).status_code == 200
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = 'admin' WHERE id = %s",
               (admin_frozen.wallet_id,))
    items = [{"recipient_wallet_id": (late if index >= LATE_INDEX and index % 10 == 0
                                      else recipients[index % 30]).wallet_id,
              "amount": f"{rng.randint(100, 1500) / 100:.2f}", "reference": f"run-{index:04d}"}
             for index in range(ITEMS)]
    unable = {w.wallet_id for w in closed} | {admin_frozen.wallet_id}
    expected = expected_outcomes(items, unable)
    ran_out = expected.index(("failed", "INSUFFICIENT_BALANCE"))
    assert LATE_INDEX < ran_out < 900, "the balance must run out part way, after the kill"

    # Our row lock on the late recipient stops the posting at its first item, mid-payout,
    # with the batch before it committed and the one holding it open when the kill lands.
    blocker = psycopg.connect(database_url.replace("+psycopg", ""))
    try:
        try:
            blocker.execute("SELECT 1 FROM wallets WHERE id = %s FOR NO KEY UPDATE", (late.wallet_id,))
            response = api.post("/payouts", payer, json={"items": items, "pin": PIN},
                                headers={"Idempotency-Key": "payroll-under-fire"})
            assert response.status_code == 202, response.json
            payout_id = response.json["data"]["payout_id"]
            eventually(lambda: _finished(db, payout_id) >= 300, 60, interval_s=0.02)
            worker.kill()  # SIGKILL parent and children: no acks, no clean-up
        finally:
            blocker.rollback()
            blocker.close()
        finished_at_kill = _finished(db, payout_id)
        progress = api.get(f"/payouts/{payout_id}", payer).json["data"]
    finally:
        if worker.process.poll() is not None:
            worker.start()
    assert 300 <= finished_at_kill < ITEMS, "the kill must land mid-payout to prove anything"
    assert progress["status"] == "processing"
    assert progress["completed_count"] + progress["failed_count"] == finished_at_kill

    eventually(lambda: _finished(db, payout_id) == ITEMS, 180, interval_s=0.5)
    payout = api.get(f"/payouts/{payout_id}", payer).json["data"]
    seen = _items(api, payer, payout_id)
    assert [i["index"] for i in seen] == list(range(ITEMS))
    assert [(i["status"], i["error"] and i["error"]["error_code"]) for i in seen] == expected
    assert [(i["recipient_wallet_id"], i["amount"], i["reference"]) for i in seen] == [
        (each["recipient_wallet_id"], each["amount"], each["reference"]) for each in items]

    completed = [Decimal(each["amount"]) for each, (status, _) in zip(items, expected, strict=True)
                 if status == "completed"]
    assert payout["status"] == "partially_completed"
    assert (payout["completed_count"], payout["failed_count"]) == (len(completed), ITEMS - len(completed))
    assert Decimal(payout["completed_amount"]) == sum(completed)
    assert Decimal(api.balance(payer)) == FUNDS - sum(completed)
    for wallet in [*recipients, late]:
        paid = sum((Decimal(each["amount"]) for each, (status, _) in zip(items, expected, strict=True)
                    if status == "completed" and each["recipient_wallet_id"] == wallet.wallet_id),
                   Decimal("0.00"))
        assert db.execute("SELECT balance FROM wallets WHERE id = %s",
                          (wallet.wallet_id,)).fetchone()[0] == paid

    # Posted once each, in index order: the payer's balance after each of its debits
    # is the running balance of the replay.
    debits = db.execute(
        "SELECT o.payout_index, e.balance_after FROM ledger_entries e"
        " JOIN journals j ON j.id = e.journal_id JOIN operations o ON o.id = j.operation_id"
        " WHERE o.payout_id = %s AND e.wallet_id = %s ORDER BY o.payout_index",
        (payout_id, payer.wallet_id)).fetchall()
    running, chain = FUNDS, []
    for amount in completed:
        running -= amount
        chain.append(running)
    assert [after for _, after in debits] == chain
    assert len({i["reference_id"] for i in seen if i["status"] == "completed"}) == len(completed)
    assert violations(db) == [] and payout_violations(db) == []

    # Announced once each: one "money received" per posted item, one end to the payer.
    told = db.execute(
        "SELECT count(*) FROM notifications WHERE type = 'money_received'"
        " AND metadata->>'payout_id' = %s", (payout_id,)).fetchone()[0]
    assert told == len(completed)
    assert db.execute("SELECT count(*) FROM notifications WHERE user_id = %s AND type = %s",
                      (payer.user_id, "payout_finished")).fetchone()[0] == 1


def _finished(db, payout_id: str) -> int:
    return db.execute("SELECT count(*) FROM operations WHERE payout_id = %s"
                      " AND status IN ('completed', 'failed')", (payout_id,)).fetchone()[0]


def _items(api, caller, payout_id: str) -> list[dict]:
    found = []
    for page in range(1, ITEMS // 100 + 1):
        found += api.get(f"/payouts/{payout_id}/items", caller,
                         query_string={"page": page, "per_page": 100}).json["data"]["items"]
    return found
