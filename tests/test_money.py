"""Top-up, send and withdraw through the API, posted by a real Celery worker."""
from __future__ import annotations

import uuid

import pytest

from tests.support.api import PIN

pytestmark = pytest.mark.usefixtures("worker")


def test_topup_is_accepted_then_posted_and_shows_in_history(api):
    alice = api.wallet()
    response = api.money("topup", alice, {"amount": "250.50", "payment_method": "upi",
                                          "metadata": {"order": "A-17"}})
    assert response.status_code == 202
    operation = response.json["data"]
    assert response.headers["Location"] == f"/api/v1/operations/{operation['operation_id']}"
    assert operation["status"] in ("queued", "processing", "completed")
    assert operation["amount"] == "250.50"

    finished = api.wait_finished(alice, operation["operation_id"])
    assert finished["status"] == "completed"
    assert finished["finished_at"] is not None
    [row] = finished["result"]["transactions"]
    assert row["type"] == "credit" and row["category"] == "topup"
    assert row["amount"] == "250.50" and row["balance_after"] == "250.50"
    assert row["metadata"] == {"payment_method": "upi", "order": "A-17"}
    assert finished["result"]["reference_id"].startswith("VP-TXN-")
    assert api.balance(alice) == "250.50"

    history = api.get("/transactions/history", alice).json["data"]
    assert history["total"] == 1 and history["items"][0]["transaction_id"] == row["transaction_id"]


def test_prefer_wait_returns_the_finished_operation_with_201(api):
    alice = api.wallet()
    response = api.money("topup", alice, {"amount": "10.00", "payment_method": "card"}, wait=10)
    assert response.status_code == 201
    assert response.json["data"]["status"] == "completed"
    assert response.headers["Preference-Applied"] == "wait=10"


def test_send_debits_sender_and_credits_recipient_under_one_reference(api):
    alice, bob = api.wallet(funds="100.00"), api.wallet()
    response = api.send(alice, bob, "30.25", wait=10)
    assert response.status_code == 201, response.json
    operation = response.json["data"]
    assert operation["status"] == "completed"
    [debit] = operation["result"]["transactions"]
    assert debit["type"] == "debit" and debit["category"] == "transfer"
    assert debit["counterparty_wallet_id"] == bob.wallet_id
    assert debit["balance_after"] == "69.75"
    assert api.balance(alice) == "69.75" and api.balance(bob) == "30.25"

    reference = operation["result"]["reference_id"]
    [credit] = api.get(f"/transactions/reference/{reference}", bob).json["data"]
    assert credit["type"] == "credit" and credit["amount"] == "30.25"
    assert credit["counterparty_wallet_id"] == alice.wallet_id
    # Each side sees only its own row of the shared posting.
    assert api.get(f"/transactions/{debit['transaction_id']}", bob).status_code == 404
    assert api.get(f"/transactions/{credit['transaction_id']}", bob).json["data"]["amount"] == "30.25"


def test_withdraw_posts_to_the_bank_and_keeps_only_a_masked_account(api, db):
    alice = api.wallet(funds="500.00")
    response = api.money("withdraw", alice, {"amount": "120.00", "bank_account": "123456789012",
                                             "ifsc": "HDFC0001234", "pin": PIN}, wait=10)
    assert response.status_code == 201, response.json
    [row] = response.json["data"]["result"]["transactions"]
    assert row["category"] == "withdrawal" and row["type"] == "debit"
    assert row["metadata"] == {"bank_account": "XXXX9012", "ifsc": "HDFC0001234"}
    assert api.balance(alice) == "380.00"
    stored = db.execute("SELECT count(*) FROM operations WHERE payload::text LIKE %s",
                        ("%123456789012%",)).fetchone()[0]
    assert stored == 0


def test_history_filters_by_type_category_and_dates(api):
    alice, bob = api.wallet(funds="100.00"), api.wallet()
    assert api.send(alice, bob, "5.00", wait=10).status_code == 201
    debits = api.get("/transactions/history?type=debit", alice).json["data"]
    assert [item["category"] for item in debits["items"]] == ["transfer"]
    topups = api.get("/transactions/history?category=topup", alice).json["data"]
    assert [item["amount"] for item in topups["items"]] == ["100.00"]
    future = api.get("/transactions/history?start_date=2999-01-01", alice).json["data"]
    assert future["total"] == 0
    reversed_range = api.get("/transactions/history?start_date=2026-02-02&end_date=2026-01-01", alice)
    assert reversed_range.status_code == 422
    assert api.get("/transactions/history?per_page=101", alice).status_code == 422


def test_history_pages_newest_first(api):
    alice = api.wallet()
    for amount in ("1.00", "2.00", "3.00"):
        api.topup(alice, amount, wait=10)
    page = api.get("/transactions/history?per_page=2&page=1", alice).json["data"]
    assert [item["amount"] for item in page["items"]] == ["3.00", "2.00"]
    assert (page["total"], page["pages"], page["per_page"]) == (3, 2, 2)
    second = api.get("/transactions/history?per_page=2&page=2", alice).json["data"]
    assert [item["amount"] for item in second["items"]] == ["1.00"]


def test_unknown_transaction_and_reference_are_not_found(api):
    alice = api.wallet()
    for path in (f"/transactions/{uuid.uuid4()}", "/transactions/not-a-uuid",
                 "/transactions/reference/VP-TXN-0000000000"):
        response = api.get(path, alice)
        assert response.status_code == 404 and response.json["error_code"] == "TRANSACTION_NOT_FOUND"


def test_operation_of_another_user_is_not_found_but_moderators_see_it(api):
    alice, mallory = api.wallet(), api.wallet()
    moderator = api.user(role="moderator")
    operation = api.topup(alice, "1.00")
    path = f"/operations/{operation['operation_id']}"
    assert api.get(path, mallory).json["error_code"] == "OPERATION_NOT_FOUND"
    assert api.get(path, mallory).status_code == 404
    assert api.get(path, moderator).status_code == 200
    assert api.get("/operations/not-a-uuid", alice).status_code == 404


def test_operations_list_filters_and_paginates(api):
    alice = api.wallet(funds="10.00")
    api.money("withdraw", alice, {"amount": "1.00", "bank_account": "123456789",
                                  "ifsc": "SBIN0000001", "pin": PIN}, wait=10)
    listing = api.get("/operations?type=withdraw", alice).json["data"]
    assert [item["type"] for item in listing["items"]] == ["withdraw"]
    assert api.get("/operations?status=completed", alice).json["data"]["total"] == 2
    assert api.get("/operations?status=weird", alice).status_code == 422


def test_money_calls_need_an_idempotency_key(api):
    alice = api.wallet()
    response = api.post("/transactions/topup", alice, json={"amount": "1.00", "payment_method": "upi"})
    assert response.status_code == 400 and response.json["error_code"] == "IDEMPOTENCY_KEY_REQUIRED"
    response = api.money("topup", alice, {"amount": "1.00", "payment_method": "upi"}, key="x" * 256)
    assert response.json["error_code"] == "IDEMPOTENCY_KEY_REQUIRED"


def test_same_key_same_body_replays_and_different_body_is_refused(api, db):
    alice = api.wallet()
    body = {"amount": "7.00", "payment_method": "upi"}
    first = api.money("topup", alice, body, key="order-1", wait=10)
    again = api.money("topup", alice, {"payment_method": "upi", "amount": "7"}, key="order-1")
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json["data"]["operation_id"] == first.json["data"]["operation_id"]
    changed = api.money("topup", alice, {"amount": "8.00", "payment_method": "upi"}, key="order-1")
    assert changed.status_code == 422 and changed.json["error_code"] == "IDEMPOTENCY_KEY_REUSED"
    assert api.balance(alice) == "7.00"
    # Keys are per user: another user may use the same key for their own payment.
    bob = api.wallet()
    assert api.money("topup", bob, body, key="order-1").status_code == 202


@pytest.mark.parametrize("amount", [10, "-1.00", "0.00", "1.001", "1e3", "1000000000.00", " 5", ""])
def test_bad_amounts_are_validation_errors(api, amount):
    alice = api.wallet()
    response = api.money("topup", alice, {"amount": amount, "payment_method": "upi"})
    assert response.status_code == 422
    assert response.json["error_code"] == "VALIDATION_ERROR" and "amount" in response.json["details"]


def test_unknown_fields_and_malformed_json_are_refused(api):
    alice = api.wallet()
    response = api.money("topup", alice, {"amount": "1.00", "payment_method": "upi", "balance": "9"})
    assert response.status_code == 422 and "balance" in response.json["details"]
    raw = api.post("/transactions/topup", alice, data="{not json", content_type="application/json",
                   headers={"Idempotency-Key": "k"})
    assert raw.status_code == 400 and raw.json["error_code"] == "MALFORMED_JSON"


def test_money_needs_a_verified_active_wallet(api, db):
    stranger = api.user()
    response = api.money("topup", stranger, {"amount": "1.00", "payment_method": "upi"})
    assert response.status_code == 404 and response.json["error_code"] == "WALLET_NOT_FOUND"

    unverified = api.wallet(kyc=False)
    response = api.money("topup", unverified, {"amount": "1.00", "payment_method": "upi"})
    assert response.status_code == 403 and response.json["error_code"] == "KYC_NOT_VERIFIED"

    frozen = api.wallet(funds="5.00")
    assert api.post("/wallets/freeze", frozen).status_code == 200
    response = api.money("topup", frozen, {"amount": "1.00", "payment_method": "upi"})
    assert response.status_code == 403 and response.json["error_code"] == "WALLET_FROZEN"

    closed = api.wallet()
    assert api.call("DELETE", "/wallets/me", closed).status_code == 200
    response = api.money("topup", closed, {"amount": "1.00", "payment_method": "upi"})
    assert response.status_code == 403 and response.json["error_code"] == "WALLET_CLOSED"


def test_send_refuses_bad_recipients_and_overdrafts_before_queueing(api, db):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    cases = [
        ("VPY-ZZZZZZ", "1.00", 404, "RECIPIENT_WALLET_NOT_FOUND"),
        (alice.wallet_id, "1.00", 422, "SELF_TRANSFER_NOT_ALLOWED"),
        ("not-a-wallet", "1.00", 422, "VALIDATION_ERROR"),
        (bob.wallet_id, "10.01", 402, "INSUFFICIENT_BALANCE"),
    ]
    for recipient, amount, status, code in cases:
        response = api.send(alice, recipient, amount)
        assert (response.status_code, response.json["error_code"]) == (status, code), recipient
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = 'admin' WHERE id = %s",
               (bob.wallet_id,))
    response = api.send(alice, bob, "1.00")
    assert response.status_code == 403 and response.json["error_code"] == "RECIPIENT_WALLET_INACTIVE"
    assert db.execute("SELECT count(*) FROM operations WHERE wallet_id = %s AND type = 'send'",
                      (alice.wallet_id,)).fetchone()[0] == 0


@pytest.mark.parametrize("reason", ["self", "pin_lockout"])
def test_a_recipient_frozen_by_itself_or_a_pin_lockout_still_receives(api, db, reason):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = %s WHERE id = %s",
               (reason, bob.wallet_id))
    response = api.send(alice, bob, "2.50", wait=10)
    assert response.status_code == 201, response.json
    assert response.json["data"]["status"] == "completed"
    assert (api.balance(alice), api.balance(bob)) == ("7.50", "2.50")


def test_send_and_withdraw_check_the_pin(api):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    wrong = api.money("send", alice, {"recipient_wallet_id": bob.wallet_id, "amount": "1.00",
                                      "pin": "9173"})
    assert wrong.status_code == 401 and wrong.json["error_code"] == "INVALID_PIN"
    assert wrong.json["details"]["attempts_remaining"] == 2
    no_pin = api.wallet(pin=None)
    response = api.money("withdraw", no_pin, {"amount": "1.00", "bank_account": "123456789",
                                              "ifsc": "SBIN0000001", "pin": PIN})
    assert response.status_code == 400 and response.json["error_code"] == "PIN_NOT_SET"


def test_three_wrong_pins_across_send_and_withdraw_lock_the_wallet(api):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    send = {"recipient_wallet_id": bob.wallet_id, "amount": "1.00", "pin": "9173"}
    withdraw = {"amount": "1.00", "bank_account": "123456789", "ifsc": "SBIN0000001", "pin": "9173"}
    assert api.money("send", alice, send).status_code == 401
    assert api.money("withdraw", alice, withdraw).status_code == 401
    third = api.money("send", alice, send)
    assert third.status_code == 423 and third.json["error_code"] == "PIN_LOCKED"
    right = api.money("send", alice, {**send, "pin": PIN})
    assert right.status_code == 423
    assert api.get("/wallets/me", alice).json["data"]["freeze_reason"] == "pin_lockout"
    assert api.balance(alice) == "10.00"


def test_unknown_query_parameters_are_refused(api):
    alice = api.wallet()
    response = api.get("/transactions/history?tpye=debit", alice)
    assert response.status_code == 422 and "tpye" in response.json["details"]
    assert api.get("/operations?stauts=failed", alice).status_code == 422


def test_waiting_sends_share_one_subscription_that_recovers_from_a_lost_connection(app, api):
    """Every Prefer: wait of a process listens through one Redis subscription; when its
    connection is lost, a send waiting meanwhile still gets its finished operation."""
    from db.redis import client
    from web.transactions.waiting import listener_name

    alice, bob = api.wallet(funds="50.00"), api.wallet()
    for _ in range(3):
        assert api.send(alice, bob, "1.00", wait=10).status_code == 201
    r = client(app.config["SETTINGS"].redis_url)
    listeners = [c for c in r.client_list() if c["name"] == listener_name()]
    assert len(listeners) == 1, listeners

    r.client_kill_filter(_id=listeners[0]["id"])
    response = api.send(alice, bob, "2.00", wait=10)
    assert response.status_code == 201, response.json
    assert response.json["data"]["status"] == "completed"
    assert api.balance(alice) == "45.00"


def test_a_waiting_send_reads_its_operation_only_to_answer(app, api):
    """The wait itself costs no database read: the listener was subscribed before the
    operation committed, so its "done" message cannot have gone unheard."""
    from sqlalchemy import event

    from db.session import engine_for

    alice, bob = api.wallet(funds="20.00"), api.wallet()
    assert api.send(alice, bob, "1.00", wait=10).status_code == 201  # the listener is up
    statements = []
    engine = engine_for(app.config["SETTINGS"].database_url)

    def record(conn, cursor, statement, *_):
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        response = api.send(alice, bob, "2.00", wait=10)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 201 and response.json["data"]["status"] == "completed"
    # Reads of one operation (by key or id), not the limits' sums over many.
    reads = [s for s in statements if "FROM operations WHERE operations." in s]
    assert len(reads) == 2, reads  # the Idempotency-Key lookup, and the answer
