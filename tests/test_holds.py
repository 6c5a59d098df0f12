"""Holds (API.md section 14) on the real stack: a hold reserves money without moving it,
a capture (partial or whole) or a void or the expiry decides it exactly once, sends and
holds together never spend more than the balance, and the ledger invariants cover the
money held."""
from __future__ import annotations

import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from decimal import Decimal

import psycopg
import pytest

from checks.ledger import violations, wait_all_finished
from db.reconciliation import find_violations
from db.session import unit_of_work
from domain.reconciliation import CACHED_BALANCE
from tests.support import operations
from tests.support.api import PIN, Api
from tests.support.waiting import eventually, wait_for_lock_waiters

pytestmark = pytest.mark.usefixtures("worker")
DECIDED = ("captured", "voided", "expired")


def place(api, payer, payee, amount: str, *, wait: int | None = 10, key: str | None = None,
          **extra):
    headers = {"Idempotency-Key": key or uuid.uuid4().hex}
    if wait:
        headers["Prefer"] = f"wait={wait}"
    return api.post("/holds", payer, headers=headers, json={
        "payee_wallet_id": payee.wallet_id, "amount": amount, "pin": PIN, **extra})


def placed(api, payer, payee, amount: str, **extra) -> str:
    """A hold placed and posted; its id."""
    response = place(api, payer, payee, amount, **extra)
    assert response.status_code == 201, response.json
    operation = response.json["data"]
    assert operation["type"] == "hold" and operation["status"] == "completed", operation
    return operation["result"]["hold_id"]


def capture(api, caller, hold_id: str, amount: str | None = None, *, wait: int | None = 10,
            key: str | None = None):
    headers = {"Idempotency-Key": key or uuid.uuid4().hex}
    if wait:
        headers["Prefer"] = f"wait={wait}"
    body = {} if amount is None else {"amount": amount}
    return api.post(f"/holds/{hold_id}/capture", caller, headers=headers, json=body)


def void(api, caller, hold_id: str, *, wait: int | None = 10, **body):
    headers = {"Prefer": f"wait={wait}"} if wait else {}
    return api.post(f"/holds/{hold_id}/void", caller, headers=headers, json=body)


def balances(api, caller) -> tuple[str, str]:
    data = api.get("/wallets/balance", caller).json["data"]
    return data["balance"], data["available_balance"]


def hold_of(api, caller, hold_id: str) -> dict:
    response = api.get(f"/holds/{hold_id}", caller)
    assert response.status_code == 200, response.json
    return response.json["data"]


def notices(api, caller, kind: str) -> list[dict]:
    items = api.get("/notifications?per_page=100", caller).json["data"]["items"]
    return [item for item in items if item["type"] == kind]


def error_code(response) -> str:
    return response.json["error_code"]


# --- placing -----------------------------------------------------------------------------
def test_a_hold_reserves_money_without_moving_it(api):
    payer, payee = api.wallet(funds="100.00"), api.wallet()
    hold_id = placed(api, payer, payee, "60.00", description="Room 12, two nights")

    assert balances(api, payer) == ("100.00", "40.00")
    assert balances(api, payee) == ("0.00", "0.00")
    seen_by_payer, seen_by_payee = hold_of(api, payer, hold_id), hold_of(api, payee, hold_id)
    assert seen_by_payer == seen_by_payee
    assert {k: seen_by_payer[k] for k in ("payer_wallet_id", "payee_wallet_id", "amount",
                                          "captured_amount", "status", "finished_at")} == {
        "payer_wallet_id": payer.wallet_id, "payee_wallet_id": payee.wallet_id,
        "amount": "60.00", "captured_amount": "0.00", "status": "active", "finished_at": None}
    assert seen_by_payer["description"] == "Room 12, two nights"
    # Nothing was posted: the payer's history is the top-up alone.
    assert api.get("/transactions/history", payer).json["data"]["total"] == 1

    # What is held cannot be sent, withdrawn or held again.
    refused = [api.send(payer, payee, "40.01"),
               api.money("withdraw", payer, {"amount": "40.01", "bank_account": "123456789012",
                                             "ifsc": "HDFC0001234", "pin": PIN}),
               place(api, payer, payee, "40.01")]
    assert [(r.status_code, error_code(r)) for r in refused] == [(402, "INSUFFICIENT_BALANCE")] * 3
    assert [n["metadata"]["hold_id"] for n in notices(api, payer, "hold_created")] == [hold_id]
    assert [n["metadata"]["hold_id"] for n in notices(api, payee, "hold_created")] == [hold_id]


def test_a_hold_expires_after_the_requested_time_and_uses_the_send_money_limits(api):
    payer, payee = api.wallet(funds="100.00"), api.wallet()
    hold_id = placed(api, payer, payee, "30.00", expires_in_s=600)
    hold = hold_of(api, payer, hold_id)
    lasts = datetime.fromisoformat(hold["expires_at"]) - datetime.fromisoformat(hold["created_at"])
    assert lasts.total_seconds() == 600
    send_money = next(limit for limit in api.get("/limits", payer).json["data"]
                      if limit["action"] == "send_money")
    assert send_money["used_today"] == "30.00"


@pytest.mark.parametrize("expires_in_s", [59, 2592001, "soon"])
def test_an_expiry_out_of_bounds_is_a_validation_error(api, expires_in_s):
    payer, payee = api.wallet(funds="10.00"), api.wallet()
    response = place(api, payer, payee, "1.00", expires_in_s=expires_in_s)
    assert response.status_code == 422
    assert list(response.json["details"]) == ["expires_in_s"]


def test_the_same_idempotency_key_places_one_hold(api, db):
    payer, payee = api.wallet(funds="50.00"), api.wallet()
    first = place(api, payer, payee, "20.00", key="hold-once")
    again = place(api, payer, payee, "20.00", key="hold-once")
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json["data"]["operation_id"] == first.json["data"]["operation_id"]
    assert db.execute("SELECT count(*) FROM holds WHERE payer_wallet_id = %s",
                      (payer.wallet_id,)).fetchone()[0] == 1
    assert balances(api, payer) == ("50.00", "30.00")


# --- capturing -------------------------------------------------------------------------
def test_a_partial_capture_moves_that_much_and_releases_the_rest(api, db):
    payer, payee = api.wallet(funds="100.00"), api.wallet()
    hold_id = placed(api, payer, payee, "60.00", description="Deposit")

    response = capture(api, payee, hold_id, "25.00")
    assert response.status_code == 201, response.json
    operation = response.json["data"]
    assert (operation["type"], operation["status"], operation["amount"]) == (
        "capture", "completed", "25.00")
    assert operation["result"]["hold_id"] == hold_id
    [credit] = operation["result"]["transactions"]  # the payee's own row only
    assert (credit["type"], credit["category"], credit["amount"], credit["wallet_id"]) == (
        "credit", "transfer", "25.00", payee.wallet_id)
    assert credit["metadata"] == {"hold_id": hold_id} and credit["description"] == "Deposit"

    assert balances(api, payer) == ("75.00", "75.00")
    assert balances(api, payee) == ("25.00", "25.00")
    hold = hold_of(api, payee, hold_id)
    assert (hold["status"], hold["captured_amount"]) == ("captured", "25.00")
    assert hold["finished_at"] is not None

    # One capture per hold; and a decided hold cannot be voided.
    assert (capture(api, payee, hold_id).status_code, void(api, payee, hold_id).status_code) == (
        409, 409)
    assert error_code(capture(api, payee, hold_id)) == "HOLD_NOT_ACTIVE"
    [captured_notice] = notices(api, payer, "hold_captured")
    assert captured_notice["metadata"]["captured_amount"] == "25.00"
    assert len(notices(api, payee, "hold_captured")) == 1
    assert violations(db) == []


def test_a_capture_without_an_amount_takes_everything_held(api):
    payer, payee = api.wallet(funds="40.00"), api.wallet()
    hold_id = placed(api, payer, payee, "40.00")
    assert capture(api, payee, hold_id).json["data"]["amount"] == "40.00"
    assert (balances(api, payer), balances(api, payee)) == (("0.00", "0.00"), ("40.00", "40.00"))


def test_a_capture_above_the_hold_is_refused_and_moves_nothing(api):
    payer, payee = api.wallet(funds="100.00"), api.wallet()
    hold_id = placed(api, payer, payee, "60.00")
    response = capture(api, payee, hold_id, "60.01")
    assert (response.status_code, error_code(response)) == (422, "CAPTURE_EXCEEDS_HOLD")
    assert response.json["details"] == {"held": "60.00"}
    assert hold_of(api, payer, hold_id)["status"] == "active"
    assert balances(api, payer) == ("100.00", "40.00")


def test_a_capture_needs_an_idempotency_key_and_replays_with_it(api):
    payer, payee = api.wallet(funds="20.00"), api.wallet()
    hold_id = placed(api, payer, payee, "10.00")
    missing = api.post(f"/holds/{hold_id}/capture", payee, json={})
    assert (missing.status_code, error_code(missing)) == (400, "IDEMPOTENCY_KEY_REQUIRED")
    first = capture(api, payee, hold_id, "4.00", key="capture-1")
    again = capture(api, payee, hold_id, "4.00", key="capture-1")
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json["data"]["operation_id"] == first.json["data"]["operation_id"]
    other = capture(api, payee, hold_id, "5.00", key="capture-1")
    assert (other.status_code, error_code(other)) == (422, "IDEMPOTENCY_KEY_REUSED")


# --- who may see and decide ------------------------------------------------------------
def test_a_hold_is_not_found_for_anyone_but_its_parties(api):
    payer, payee, mallory = api.wallet(funds="20.00"), api.wallet(), api.wallet()
    hold_id = placed(api, payer, payee, "10.00")
    for path in (hold_id, str(uuid.uuid4()), "not-a-uuid"):
        answers = [api.get(f"/holds/{path}", mallory), capture(api, mallory, path, wait=None),
                   void(api, mallory, path, wait=None)]
        assert [(r.status_code, error_code(r)) for r in answers] == [(404, "HOLD_NOT_FOUND")] * 3
    assert api.get("/holds", mallory).json["data"]["total"] == 0
    assert hold_of(api, payer, hold_id)["status"] == "active"


def test_the_payer_can_neither_capture_nor_void(api):
    payer, payee = api.wallet(funds="20.00"), api.wallet()
    hold_id = placed(api, payer, payee, "10.00")
    answers = [capture(api, payer, hold_id, wait=None), void(api, payer, hold_id, wait=None)]
    assert [(r.status_code, error_code(r)) for r in answers] == [
        (403, "INSUFFICIENT_PERMISSIONS")] * 2
    assert hold_of(api, payer, hold_id)["status"] == "active"


def test_the_payee_voids_and_the_payer_has_everything_back(api, db):
    payer, payee = api.wallet(funds="50.00"), api.wallet()
    hold_id = placed(api, payer, payee, "50.00")
    response = void(api, payee, hold_id)
    assert response.status_code == 201, response.json
    assert (response.json["data"]["type"], response.json["data"]["status"]) == ("void", "completed")
    # Without an Idempotency-Key, the same caller's second void is the same operation.
    again = void(api, payee, hold_id)
    assert again.status_code == 200
    assert again.json["data"]["operation_id"] == response.json["data"]["operation_id"]
    assert hold_of(api, payer, hold_id)["status"] == "voided"
    assert balances(api, payer) == ("50.00", "50.00")
    assert len(notices(api, payer, "hold_voided")) == 1
    assert error_code(capture(api, payee, hold_id)) == "HOLD_NOT_ACTIVE"
    assert violations(db) == []


def test_a_moderator_voids_with_an_audit_row_but_not_a_hold_they_pay(api, db):
    payer, payee = api.wallet(funds="30.00"), api.wallet()
    moderator = api.wallet(api.user("moderator"), funds="30.00")
    hold_id = placed(api, payer, payee, "10.00")
    response = void(api, moderator, hold_id, reason="Merchant asked support to cancel")
    assert response.status_code == 201, response.json
    operation_id = response.json["data"]["operation_id"]
    row = db.execute("SELECT actor_id::text, action, after_state, reason FROM audit_logs"
                     " WHERE target_type = 'hold' AND target_id = %s", (hold_id,)).fetchone()
    assert row == (moderator.user_id, "VOID_HOLD", {"void_operation_id": operation_id},
                   "Merchant asked support to cancel")
    assert balances(api, payer) == ("30.00", "30.00")

    own = placed(api, moderator, payee, "10.00")
    refused = void(api, moderator, own, wait=None)
    assert (refused.status_code, error_code(refused)) == (403, "SELF_ACTION_NOT_ALLOWED")
    # The payee's own void is no privileged action: no audit row.
    assert void(api, payee, own).status_code == 201
    assert db.execute("SELECT count(*) FROM audit_logs WHERE target_id = %s",
                      (own,)).fetchone()[0] == 0


def test_holds_are_listed_by_role_and_status(api):
    payer, payee = api.wallet(funds="90.00"), api.wallet(funds="10.00")
    given = [placed(api, payer, payee, "10.00") for _ in range(3)]
    taken = placed(api, payee, payer, "5.00")
    void(api, payee, given[0])

    def ids(query: str, caller) -> list[str]:
        response = api.get(f"/holds{query}", caller)
        assert response.status_code == 200, response.json
        return [item["hold_id"] for item in response.json["data"]["items"]]

    assert ids("", payer) == [taken, *reversed(given)]
    assert ids("?role=payer", payer) == list(reversed(given))
    assert ids("?role=payee", payer) == [taken]
    assert ids("?status=voided", payee) == [given[0]]
    assert ids("?role=payer&status=active&per_page=1&page=2", payer) == [given[1]]
    assert api.get("/holds?role=merchant", payer).status_code == 422


# --- expiry ----------------------------------------------------------------------------
def test_an_uncaptured_hold_expires_within_one_beat_interval_and_both_sides_hear_of_it(api, db):
    payer, payee = api.wallet(funds="80.00"), api.wallet()
    hold_id = placed(api, payer, payee, "80.00", expires_in_s=60)
    # Bring the expiry close instead of waiting a minute (API.md's shortest hold).
    expires_at = db.execute("UPDATE holds SET expires_at = now() + interval '1 second'"
                            " WHERE id = %s RETURNING expires_at", (hold_id,)).fetchone()[0]
    assert eventually(lambda: hold_of(api, payer, hold_id)["status"] == "expired", 15)
    finished_at = db.execute("SELECT finished_at FROM holds WHERE id = %s",
                             (hold_id,)).fetchone()[0]
    # HOLD_EXPIRY_INTERVAL_S is 1 in the tests; the rest is the posting's moment.
    assert (finished_at - expires_at).total_seconds() < 1 + 2
    assert balances(api, payer) == ("80.00", "80.00")
    assert len(notices(api, payer, "hold_expired")) == len(notices(api, payee, "hold_expired")) == 1
    assert error_code(capture(api, payee, hold_id)) == "HOLD_NOT_ACTIVE"
    expiry = db.execute("SELECT type, status, user_id::text FROM operations"
                        " WHERE payload->>'hold_id' = %s AND type = 'expire'", (hold_id,)).fetchall()
    assert expiry == [("expire", "completed", payer.user_id)]


def test_a_hold_past_its_expiry_is_closed_to_decisions_before_the_expiry_job_runs(api, db):
    payer, payee = api.wallet(funds="20.00"), api.wallet()
    hold_id = placed(api, payer, payee, "20.00")
    # Past its expiry, as far as the requests can tell; the job may not have run yet.
    db.execute("UPDATE holds SET expires_at = now() WHERE id = %s", (hold_id,))
    answers = [capture(api, payee, hold_id, wait=None), void(api, payee, hold_id, wait=None)]
    assert [(r.status_code, error_code(r)) for r in answers] == [(409, "HOLD_NOT_ACTIVE")] * 2
    assert eventually(lambda: hold_of(api, payer, hold_id)["status"] == "expired", 15)


# --- races, concurrency and redelivery -------------------------------------------------
@pytest.mark.timeout(240)
def test_capture_void_and_expiry_at_the_same_moment_exactly_one_wins(app, db):
    api = Api(app.test_client(), db)
    pairs = [(api.wallet(funds="100.00"), api.wallet()) for _ in range(8)]
    hold_ids = [placed(api, payer, payee, "60.00") for payer, payee in pairs]
    expires_at = db.execute(
        "UPDATE holds SET expires_at = now() + interval '1.5 seconds' WHERE id::text = ANY(%s)"
        " RETURNING extract(epoch FROM expires_at)", (hold_ids,)).fetchone()[0]
    rng = random.Random(17)
    attempts = [(kind, hold_id, payee) for hold_id, (_, payee) in zip(hold_ids, pairs, strict=True)
                for kind in ("capture", "void")]
    start = threading.Barrier(len(attempts))

    def attempt(item):
        kind, hold_id, payee = item
        client = Api(app.test_client(), db)
        start.wait()
        # Around the expiry: some before it (accepted, then racing the expiry job),
        # some after (refused at once).
        time.sleep(max(0.0, float(expires_at) + rng.uniform(-0.4, 0.15) - time.time()))
        if kind == "capture":
            return capture(client, payee, hold_id, "60.00", wait=None)
        return void(client, payee, hold_id, wait=None)

    with ThreadPoolExecutor(len(attempts)) as pool:
        answers = list(pool.map(attempt, attempts))
    assert {(r.status_code, r.json.get("error_code")) for r in answers} <= {
        (202, None), (409, "HOLD_NOT_ACTIVE")}, [r.json for r in answers]
    assert eventually(lambda: db.execute(
        "SELECT count(*) FROM holds WHERE id::text = ANY(%s) AND status = 'active'",
        (hold_ids,)).fetchone()[0] == 0, 30)
    decisions = db.execute(
        "SELECT id::text FROM operations WHERE payload->>'hold_id' = ANY(%s) AND type <> 'hold'",
        (hold_ids,)).fetchall()
    wait_all_finished(db, [row[0] for row in decisions])

    outcomes = {}
    for hold_id in hold_ids:
        rows = db.execute("SELECT type, status, error_code FROM operations"
                          " WHERE payload->>'hold_id' = %s AND type <> 'hold'", (hold_id,)).fetchall()
        winners = [kind for kind, status, _ in rows if status == "completed"]
        assert len(winners) == 1, rows
        assert all(code == "HOLD_NOT_ACTIVE" for _, status, code in rows if status == "failed"), rows
        status = db.execute("SELECT status FROM holds WHERE id = %s", (hold_id,)).fetchone()[0]
        assert status == {"capture": "captured", "void": "voided", "expire": "expired"}[winners[0]]
        outcomes[hold_id] = winners[0]
    # Money conserved, pair by pair: what left a payer reached its payee, nothing held.
    for (payer, payee), hold_id in zip(pairs, hold_ids, strict=True):
        moved = Decimal("60.00") if outcomes[hold_id] == "capture" else Decimal("0.00")
        assert db.execute("SELECT balance, held FROM wallets WHERE id = %s",
                          (payer.wallet_id,)).fetchone() == (Decimal("100.00") - moved, 0)
        assert db.execute("SELECT balance FROM wallets WHERE id = %s",
                          (payee.wallet_id,)).fetchone()[0] == moved
    assert violations(db) == []


def test_50_concurrent_sends_and_holds_against_one_balance_never_exceed_it(app, db):
    api = Api(app.test_client(), db)
    payer, payee = api.wallet(funds="100.00"), api.wallet()
    start, answers, guard = threading.Barrier(50), [], threading.Lock()

    def one(i: int):
        client = Api(app.test_client(), db)
        start.wait()
        if i % 2:
            response = place(client, payer, payee, "7.00", wait=None)
        else:
            response = client.send(payer, payee, "7.00")
        with guard:
            answers.append(response)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 50
    refused = {(r.status_code, r.json["error_code"]) for r in answers if r.status_code != 202}
    assert refused <= {(402, "INSUFFICIENT_BALANCE")}, refused
    accepted = [r.json["data"]["operation_id"] for r in answers if r.status_code == 202]
    statuses = wait_all_finished(db, accepted, timeout_s=60)
    completed = [op for op, status in statuses.items() if status == "completed"]
    # 14 of 7.00 fit in 100.00, whatever the mix: the 15th finds 2.00 available.
    assert len(completed) == 14
    balance, held = db.execute("SELECT balance, held FROM wallets WHERE id = %s",
                               (payer.wallet_id,)).fetchone()
    sent = db.execute("SELECT coalesce(sum(amount), 0) FROM operations WHERE id::text = ANY(%s)"
                      " AND type = 'send'", (completed,)).fetchone()[0]
    assert (balance, held) == (Decimal("100.00") - sent, Decimal("98.00") - sent)
    assert balances(api, payer)[1] == "2.00"
    assert violations(db) == []


def test_a_redelivered_hold_operation_places_one_hold(api, db):
    payer, payee = api.wallet(funds="30.00"), api.wallet()
    hold_id = str(uuid.uuid4())
    operation_id = operations.insert_accepted(db, payer, "hold", "12.00", hold_id=hold_id,
                                              payee_wallet_id=payee.wallet_id, expires_in_s=600)
    operations.publish("hold", operation_id, times=5)
    assert operations.outcome(db, operation_id) == ("completed", None)
    time.sleep(1.5)  # let the duplicates run
    assert db.execute("SELECT count(*), sum(amount) FROM holds WHERE operation_id = %s",
                      (operation_id,)).fetchone() == (1, Decimal("12.00"))
    assert balances(api, payer) == ("30.00", "18.00")


def test_money_out_that_slipped_past_the_api_fails_against_the_available_balance(api, db):
    payer, payee = api.wallet(funds="100.00"), api.wallet()
    placed(api, payer, payee, "80.00")
    too_much = [operations.enqueue_accepted(db, payer, "send", "20.01",
                                            recipient_wallet_id=payee.wallet_id),
                operations.enqueue_accepted(db, payer, "withdraw", "20.01",
                                            bank_account="XXXX9012", ifsc="HDFC0001234")]
    assert [operations.outcome(db, op) for op in too_much] == [
        ("failed", "INSUFFICIENT_BALANCE")] * 2
    fits = operations.enqueue_accepted(db, payer, "send", "20.00",
                                       recipient_wallet_id=payee.wallet_id)
    assert operations.outcome(db, fits) == ("completed", None)
    assert balances(api, payer) == ("80.00", "0.00")


@pytest.mark.timeout(240)
def test_worker_killed_mid_posting_decides_every_hold_exactly_once(app, db, worker, database_url):
    api = Api(app.test_client(), db)
    pairs = [(api.wallet(funds="100.00"), api.wallet(funds="10.00")) for _ in range(4)]
    held = [(placed(api, payer, payee, "40.00"), payer, payee) for payer, payee in pairs]
    rng = random.Random(5)

    def step(i: int, among: list):
        client = Api(app.test_client(), db)
        hold_id, payer, payee = among[i % len(among)]
        roll = rng.random()
        if roll < 0.3:
            return capture(client, payee, hold_id, f"{rng.randint(1, 40)}.00", wait=None)
        if roll < 0.5:
            return void(client, payee, hold_id, wait=None)
        if roll < 0.8:
            return place(client, payer, payee, f"{rng.randint(1, 30)}.00", wait=None)
        return client.send(payer, payee, f"{rng.randint(1, 20)}.00")

    def run(among: list, count: int) -> list[str]:
        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(lambda i: step(i, among), range(count)))
        return [r.json["data"]["operation_id"] for r in answers if r.status_code == 202]

    # First a stream the worker posts; then, with our own row lock on one payer's
    # wallet (as in tests/test_posting.py), a stream whose posting waits on it, open,
    # when the worker is killed.
    accepted = run(held[1:], 30)
    eventually(lambda: _finished(db, accepted) >= 5, 30, interval_s=0.01)
    blocker = psycopg.connect(database_url.replace("+psycopg", ""))
    try:
        try:
            blocker.execute("SELECT 1 FROM wallets WHERE id = %s FOR NO KEY UPDATE",
                            (pairs[0][0].wallet_id,))
            accepted += run(held, 40)
            wait_for_lock_waiters(db, 1)
            worker.kill()  # SIGKILL mid-posting: no acks, no clean-up
        finally:
            blocker.rollback()
            blocker.close()
        finished = _finished(db, accepted)
    finally:
        if worker.process.poll() is not None:
            worker.start()
    assert 5 <= finished < len(accepted), "the kill must land mid-stream to prove anything"
    statuses = wait_all_finished(db, accepted, timeout_s=120)
    assert set(statuses.values()) <= {"completed", "failed"}, statuses
    for hold_id, _, _ in held:
        decided = db.execute("SELECT count(*) FROM operations WHERE payload->>'hold_id' = %s"
                             " AND type IN ('capture', 'void') AND status = 'completed'",
                             (hold_id,)).fetchone()[0]
        assert decided <= 1
    wallet_ids = [w.wallet_id for pair in pairs for w in pair]
    assert db.execute("SELECT sum(balance) FROM wallets WHERE id = ANY(%s)",
                      (wallet_ids,)).fetchone()[0] == Decimal("440.00")
    assert violations(db) == []


def _finished(db, operation_ids: list[str]) -> int:
    return db.execute("SELECT count(*) FROM operations WHERE id::text = ANY(%s)"
                      " AND status IN ('completed', 'failed')", (operation_ids,)).fetchone()[0]


# --- announcements and reconciliation --------------------------------------------------
def test_both_parties_receive_the_hold_webhook_events(api, db):
    payer, payee = api.wallet(funds="50.00"), api.wallet()
    events = ["hold.created", "hold.captured", "hold.voided", "hold.expired"]
    for caller in (payer, payee):
        response = api.post("/webhooks", caller, json={"url": "http://127.0.0.1:9/hook",
                                                       "events": events})
        assert response.status_code == 201, response.json
    hold_id = placed(api, payer, payee, "30.00")
    capture_id = capture(api, payee, hold_id, "10.00").json["data"]["operation_id"]

    for caller in (payer, payee):
        rows = db.execute("SELECT type, data FROM webhook_events WHERE user_id = %s"
                          " ORDER BY created_at", (caller.user_id,)).fetchall()
        assert [kind for kind, _ in rows] == ["hold.created", "hold.captured"]
        captured = rows[1][1]
        assert (captured["hold_id"], captured["status"], captured["captured_amount"],
                captured["operation_id"]) == (hold_id, "captured", "10.00", capture_id)


def test_reconciliation_reports_held_money_the_holds_do_not_account_for(api, database_url):
    payer, payee = api.wallet(funds="50.00"), api.wallet()
    placed(api, payer, payee, "20.00")

    def found() -> set[tuple[str, str]]:
        with unit_of_work(database_url) as session:
            return {(v.invariant, v.subject) for v in find_violations(session)}

    assert (CACHED_BALANCE, payer.wallet_id) not in found()
    api.db.execute("UPDATE wallets SET held = held - 1 WHERE id = %s", (payer.wallet_id,))
    try:
        assert (CACHED_BALANCE, payer.wallet_id) in found()
        assert any(payer.wallet_id in line for line in violations(api.db))
    finally:
        api.db.execute("UPDATE wallets SET held = held + 1 WHERE id = %s", (payer.wallet_id,))
    assert (CACHED_BALANCE, payer.wallet_id) not in found()
