"""Disputes and refunds through the API, refunds posted by the real Celery worker."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from checks.ledger import violations, wait_all_finished
from tests.support import operations
from tests.support.api import PIN, Api
from workers import outbox
from workers.app import POSTING_TASKS

pytestmark = pytest.mark.usefixtures("worker")


# --- helpers ---------------------------------------------------------------------------
def _sent(api, sender, recipient, amount: str) -> dict:
    """The sender's debit row of a completed send."""
    response = api.send(sender, recipient, amount, wait=10)
    assert response.status_code == 201, response.json
    [debit] = response.json["data"]["result"]["transactions"]
    return debit


def _withdrawn(api, caller, amount: str) -> dict:
    response = api.money("withdraw", caller, {"amount": amount, "bank_account": "123456789012",
                                              "ifsc": "HDFC0001234", "pin": PIN}, wait=10)
    assert response.status_code == 201, response.json
    [debit] = response.json["data"]["result"]["transactions"]
    return debit


def _dispute(api, caller, transaction_id: str, reason: str = "Goods never arrived"):
    return api.post("/disputes", caller, json={"transaction_id": transaction_id, "reason": reason})


def _opened(api, caller, transaction_id: str) -> dict:
    response = _dispute(api, caller, transaction_id)
    assert response.status_code == 201, response.json
    return response.json["data"]


def _resolve(api, moderator, dispute_id: str, resolution: str = "refund", amount: str | None = None,
             notes: str = "Merchant confirmed non-delivery"):
    body = {"resolution": resolution, "resolution_notes": notes}
    if amount is not None:
        body["refund_amount"] = amount
    return api.post(f"/admin/disputes/{dispute_id}/resolve", moderator, json=body)


def _refunded(api, moderator, disputer, dispute_id: str, amount: str | None = None) -> dict:
    """Resolve with a refund and wait for the refund operation to finish."""
    response = _resolve(api, moderator, dispute_id, amount=amount)
    assert response.status_code == 200, response.json
    return api.wait_finished(disputer, response.json["data"]["refund_operation_id"])


def _posting_rows(db, reference_id: str) -> list:
    return db.execute(
        "SELECT e.*, j.* FROM ledger_entries e JOIN journals j ON j.id = e.journal_id"
        " WHERE j.reference_id = %s ORDER BY e.id", (reference_id,)).fetchall()


def _system_balance(db, account: str) -> Decimal:
    row = db.execute("SELECT balance FROM system_accounts WHERE id = %s", (account,)).fetchone()
    return row[0] if row else Decimal("0.00")


# --- raising and reading ------------------------------------------------------------------
def test_a_user_disputes_their_own_send_and_reads_it_back(api):
    alice, bob = api.wallet(funds="100.00"), api.wallet()
    debit = _sent(api, alice, bob, "40.00")
    dispute = _opened(api, alice, debit["transaction_id"])
    assert dispute["status"] == "open" and dispute["resolution"] is None
    assert (dispute["transaction_id"], dispute["reference_id"]) == (debit["transaction_id"],
                                                                    debit["reference_id"])
    assert (dispute["amount"], dispute["category"], dispute["refundable_amount"]) == (
        "40.00", "transfer", "40.00")
    assert dispute["reason"] == "Goods never arrived" and dispute["refund_operation_id"] is None

    path = f"/disputes/{dispute['dispute_id']}"
    assert api.get(path, alice).json["data"] == dispute
    listing = api.get("/disputes?status=open", alice).json["data"]
    assert [item["dispute_id"] for item in listing["items"]] == [dispute["dispute_id"]]
    assert listing["total"] == 1 and listing["page"] == 1
    assert api.get("/disputes?status=resolved_refund", alice).json["data"]["total"] == 0


def test_disputes_list_pages_newest_first_and_validates_its_filters(api):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    ids = [_opened(api, alice, _sent(api, alice, bob, "1.00")["transaction_id"])["dispute_id"]
           for _ in range(3)]
    first = api.get("/disputes?per_page=2", alice).json["data"]
    assert [item["dispute_id"] for item in first["items"]] == ids[::-1][:2]
    assert (first["total"], first["pages"]) == (3, 2)
    for query in ("status=weird", "per_page=101", "page=0", "colour=red"):
        response = api.get(f"/disputes?{query}", alice)
        assert response.status_code == 422 and response.json["error_code"] == "VALIDATION_ERROR"


def test_another_users_transaction_or_dispute_is_not_found(api):
    alice, bob, mallory = api.wallet(funds="10.00"), api.wallet(), api.wallet()
    debit = _sent(api, alice, bob, "5.00")
    for transaction_id in (debit["transaction_id"], str(uuid.uuid4())):
        response = _dispute(api, mallory, transaction_id)
        assert response.status_code == 404 and response.json["error_code"] == "TRANSACTION_NOT_FOUND"
    dispute = _opened(api, alice, debit["transaction_id"])
    for path in (f"/disputes/{dispute['dispute_id']}", f"/disputes/{uuid.uuid4()}", "/disputes/nope"):
        response = api.get(path, mallory)
        assert response.status_code == 404 and response.json["error_code"] == "DISPUTE_NOT_FOUND"
    assert api.get("/disputes", mallory).json["data"]["total"] == 0


def test_credits_and_topups_are_not_disputable(api):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    debit = _sent(api, alice, bob, "5.00")
    [credit] = api.get(f"/transactions/reference/{debit['reference_id']}", bob).json["data"]
    [topup] = api.get("/transactions/history?category=topup", alice).json["data"]["items"]
    for caller, row in ((bob, credit), (alice, topup)):
        response = _dispute(api, caller, row["transaction_id"])
        assert response.status_code == 422, response.json
        assert response.json["error_code"] == "TRANSACTION_NOT_DISPUTABLE"


def test_refund_rows_are_not_disputable(api):
    alice, bob, moderator = api.wallet(funds="10.00"), api.wallet(), api.user(role="moderator")
    dispute = _opened(api, alice, _sent(api, alice, bob, "5.00")["transaction_id"])
    refund = _refunded(api, moderator, alice, dispute["dispute_id"], "2.00")
    [credit] = refund["result"]["transactions"]
    [debit] = api.get(f"/transactions/reference/{credit['reference_id']}", bob).json["data"]
    for caller, row in ((alice, credit), (bob, debit)):
        response = _dispute(api, caller, row["transaction_id"])
        assert response.json["error_code"] == "TRANSACTION_NOT_DISPUTABLE"


def test_bad_dispute_bodies_are_validation_errors(api):
    alice = api.wallet()
    for body in ({"transaction_id": "not-a-uuid", "reason": "x"},
                 {"transaction_id": str(uuid.uuid4())},
                 {"transaction_id": str(uuid.uuid4()), "reason": "   "},
                 {"transaction_id": str(uuid.uuid4()), "reason": "x" * 1001},
                 {"transaction_id": str(uuid.uuid4()), "reason": "x", "amount": "1.00"}):
        response = api.post("/disputes", alice, json=body)
        assert response.status_code == 422 and response.json["error_code"] == "VALIDATION_ERROR"
    assert api.post("/disputes", json={"transaction_id": str(uuid.uuid4()), "reason": "x"}
                    ).status_code == 401


def test_one_open_dispute_per_transaction_and_a_new_one_after_resolution(api):
    alice, bob, moderator = api.wallet(funds="10.00"), api.wallet(), api.user(role="moderator")
    debit = _sent(api, alice, bob, "5.00")
    first = _opened(api, alice, debit["transaction_id"])
    again = _dispute(api, alice, debit["transaction_id"])
    assert again.status_code == 409 and again.json["error_code"] == "DISPUTE_ALREADY_EXISTS"
    assert _resolve(api, moderator, first["dispute_id"], "rejected").status_code == 200
    second = _opened(api, alice, debit["transaction_id"])
    assert second["dispute_id"] != first["dispute_id"]


def test_the_database_refuses_a_second_open_dispute(api, db):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    debit = _sent(api, alice, bob, "5.00")
    _opened(api, alice, debit["transaction_id"])
    with pytest.raises(Exception, match="disputes_one_open_per_transaction"):
        db.execute("INSERT INTO disputes (id, user_id, wallet_id, transaction_id, reason)"
                   " VALUES (%s, %s, %s, %s, 'again')",
                   (uuid.uuid4(), alice.user_id, alice.wallet_id, debit["transaction_id"]))


def test_a_debit_past_the_dispute_window_is_not_disputable(app, db):
    from web.app import create_app

    api = Api(app.test_client(), db)
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    debit = _sent(api, alice, bob, "5.00")
    strict = Api(create_app({"dispute_window_days": 0}).test_client(), db)
    response = _dispute(strict, alice, debit["transaction_id"])
    assert response.status_code == 422 and response.json["error_code"] == "TRANSACTION_NOT_DISPUTABLE"
    assert "within 0 days" in response.json["message"]


# --- resolving ----------------------------------------------------------------------------
def test_a_full_refund_of_a_send_is_a_new_posting_owned_by_the_disputer(api, db):
    alice, bob, moderator = api.wallet(funds="100.00"), api.wallet(), api.user(role="moderator")
    debit = _sent(api, alice, bob, "100.00")
    original = _posting_rows(db, debit["reference_id"])
    dispute = _opened(api, alice, debit["transaction_id"])

    response = _resolve(api, moderator, dispute["dispute_id"])
    assert response.status_code == 200, response.json
    resolved = response.json["data"]
    assert (resolved["status"], resolved["resolution"], resolved["refund_amount"]) == (
        "resolved_refund", "refund", "100.00")
    assert resolved["resolved_by"] == moderator.user_id and resolved["user_id"] == alice.user_id
    assert resolved["resolution_notes"] == "Merchant confirmed non-delivery"

    operation = api.wait_finished(alice, resolved["refund_operation_id"])
    assert (operation["type"], operation["status"], operation["amount"]) == ("refund", "completed",
                                                                             "100.00")
    [credit] = operation["result"]["transactions"]
    assert (credit["type"], credit["category"], credit["wallet_id"]) == ("credit", "refund",
                                                                         alice.wallet_id)
    assert credit["counterparty_wallet_id"] == bob.wallet_id and credit["balance_after"] == "100.00"
    assert credit["metadata"]["original_reference_id"] == debit["reference_id"]
    assert (api.balance(alice), api.balance(bob)) == ("100.00", "0.00")
    [bob_debit] = api.get(f"/transactions/reference/{credit['reference_id']}", bob).json["data"]
    assert (bob_debit["type"], bob_debit["category"], bob_debit["amount"]) == ("debit", "refund",
                                                                               "100.00")

    assert _posting_rows(db, debit["reference_id"]) == original
    seen = api.get(f"/disputes/{dispute['dispute_id']}", alice).json["data"]
    assert (seen["refund_status"], seen["refundable_amount"]) == ("completed", "0.00")
    assert [op["operation_id"] for op in api.get("/operations?type=refund", alice).json["data"]["items"]
            ] == [operation["operation_id"]]
    assert api.get(f"/operations/{operation['operation_id']}", bob).status_code == 404
    assert violations(db) == []


def test_resolving_writes_the_audit_row_and_notifies_the_disputer(api, db):
    alice, bob, moderator = api.wallet(funds="10.00"), api.wallet(), api.user(role="moderator")
    dispute = _opened(api, alice, _sent(api, alice, bob, "8.00")["transaction_id"])
    resolved = _resolve(api, moderator, dispute["dispute_id"], amount="3.00",
                        notes="Half the order arrived").json["data"]
    actor, role, before, after, reason = db.execute(
        "SELECT actor_id::text, actor_role, before_state, after_state, reason FROM audit_logs"
        " WHERE action = 'RESOLVE_DISPUTE' AND target_type = 'dispute' AND target_id = %s",
        (dispute["dispute_id"],)).fetchone()
    assert (actor, role, reason) == (moderator.user_id, "moderator", "Half the order arrived")
    assert before == {"status": "open"}
    assert after == {"status": "resolved_refund", "refund_amount": "3.00",
                     "refund_operation_id": resolved["refund_operation_id"]}
    [(title, body, metadata)] = db.execute(
        "SELECT title, body, metadata FROM notifications WHERE user_id = %s"
        " AND type = 'dispute_resolved'", (alice.user_id,)).fetchall()
    assert metadata["dispute_id"] == dispute["dispute_id"] and metadata["resolution"] == "refund"
    assert "3.00 INR" in body and title == "Dispute resolved"


def test_a_rejection_moves_no_money_and_cannot_be_resolved_again(api, db):
    alice, bob, moderator = api.wallet(funds="10.00"), api.wallet(), api.user(role="moderator")
    dispute = _opened(api, alice, _sent(api, alice, bob, "8.00")["transaction_id"])
    with_amount = _resolve(api, moderator, dispute["dispute_id"], "rejected", amount="1.00")
    assert with_amount.status_code == 422 and "refund_amount" in with_amount.json["details"]
    response = _resolve(api, moderator, dispute["dispute_id"], "rejected", notes="Delivered, signed")
    assert response.status_code == 200
    rejected = response.json["data"]
    assert (rejected["status"], rejected["resolution"], rejected["refund_operation_id"]) == (
        "resolved_rejected", "rejected", None)
    assert api.get(f"/disputes/{dispute['dispute_id']}", alice).json["data"]["resolution_notes"] == (
        "Delivered, signed")
    for resolution in ("refund", "rejected"):
        again = _resolve(api, moderator, dispute["dispute_id"], resolution)
        assert again.status_code == 409 and again.json["error_code"] == "DISPUTE_NOT_OPEN"
    assert (api.balance(alice), api.balance(bob)) == ("2.00", "8.00")
    body = db.execute("SELECT body FROM notifications WHERE user_id = %s AND type = 'dispute_resolved'",
                      (alice.user_id,)).fetchone()[0]
    assert "rejected: Delivered, signed" in body


def test_partial_refunds_never_add_up_to_more_than_the_original(api, db):
    alice, bob, moderator = api.wallet(funds="100.00"), api.wallet(funds="50.00"), api.user(role="moderator")
    debit = _sent(api, alice, bob, "100.00")
    first = _opened(api, alice, debit["transaction_id"])
    assert _refunded(api, moderator, alice, first["dispute_id"], "30.00")["status"] == "completed"

    second = _opened(api, alice, debit["transaction_id"])
    assert second["refundable_amount"] == "70.00"
    too_much = _resolve(api, moderator, second["dispute_id"], amount="70.01")
    assert too_much.status_code == 422
    assert too_much.json["error_code"] == "REFUND_EXCEEDS_REFUNDABLE"
    assert too_much.json["details"] == {"refundable": "70.00"}
    assert api.get(f"/disputes/{second['dispute_id']}", alice).json["data"]["status"] == "open"
    assert _refunded(api, moderator, alice, second["dispute_id"], "70.00")["status"] == "completed"

    third = _dispute(api, alice, debit["transaction_id"])
    assert third.status_code == 422 and third.json["error_code"] == "TRANSACTION_NOT_DISPUTABLE"
    total = db.execute("SELECT sum(o.amount) FROM disputes d JOIN operations o"
                       " ON o.id = d.refund_operation_id WHERE d.transaction_id = %s",
                       (debit["transaction_id"],)).fetchone()[0]
    assert total == Decimal("100.00")
    assert (api.balance(alice), api.balance(bob)) == ("100.00", "50.00")
    assert violations(db) == []


def test_a_refund_by_default_is_what_is_left(api):
    alice, bob, moderator = api.wallet(funds="20.00"), api.wallet(), api.user(role="moderator")
    debit = _sent(api, alice, bob, "20.00")
    _refunded(api, moderator, alice, _opened(api, alice, debit["transaction_id"])["dispute_id"], "5.00")
    rest = _refunded(api, moderator, alice, _opened(api, alice, debit["transaction_id"])["dispute_id"])
    assert rest["amount"] == "15.00" and rest["status"] == "completed"


def test_a_refund_of_a_withdrawal_comes_back_from_the_withdrawal_account(api, db):
    alice, moderator = api.wallet(funds="100.00"), api.user(role="moderator")
    debit = _withdrawn(api, alice, "40.00")
    original = _posting_rows(db, debit["reference_id"])
    dispute = _opened(api, alice, debit["transaction_id"])
    assert dispute["category"] == "withdrawal"
    before = _system_balance(db, "external:withdrawal:INR")

    refund = _refunded(api, moderator, alice, dispute["dispute_id"], "15.00")
    assert refund["status"] == "completed"
    [credit] = refund["result"]["transactions"]
    assert (credit["category"], credit["amount"], credit["counterparty_wallet_id"]) == (
        "refund", "15.00", None)
    assert api.balance(alice) == "75.00"
    assert _system_balance(db, "external:withdrawal:INR") == before - Decimal("15.00")
    assert _posting_rows(db, debit["reference_id"]) == original
    assert violations(db) == []


def test_a_refund_fails_cleanly_when_the_counterparty_spent_the_money(api, db):
    alice, bob, moderator = api.wallet(funds="50.00"), api.wallet(), api.user(role="moderator")
    debit = _sent(api, alice, bob, "50.00")
    _withdrawn(api, bob, "45.00")
    dispute = _opened(api, alice, debit["transaction_id"])
    balances = (api.balance(alice), api.balance(bob))

    refund = _refunded(api, moderator, alice, dispute["dispute_id"])
    assert (refund["status"], refund["error"]["error_code"]) == ("failed", "INSUFFICIENT_BALANCE")
    assert refund["result"] is None
    assert (api.balance(alice), api.balance(bob)) == balances == ("0.00", "5.00")
    seen = api.get(f"/disputes/{dispute['dispute_id']}", alice).json["data"]
    assert (seen["status"], seen["refund_status"], seen["refund_error_code"]) == (
        "resolved_refund", "failed", "INSUFFICIENT_BALANCE")
    assert seen["refundable_amount"] == "50.00"  # a failed refund does not count
    assert _opened(api, alice, debit["transaction_id"])["refundable_amount"] == "50.00"
    assert violations(db) == []


def test_the_posting_job_rechecks_the_refund_cap_under_lock(api, db):
    """A refund that got past the resolve-time check (a race) still cannot overpay."""
    alice, bob, moderator = api.wallet(funds="10.00"), api.wallet(funds="10.00"), api.user(role="moderator")
    debit = _sent(api, alice, bob, "10.00")
    first = _opened(api, alice, debit["transaction_id"])
    assert _refunded(api, moderator, alice, first["dispute_id"], "6.00")["status"] == "completed"

    operation_id, dispute_id = str(uuid.uuid4()), str(uuid.uuid4())
    operations.insert_accepted(db, alice, "refund", "6.00", operation_id=operation_id,
                               dispute_id=dispute_id, source_wallet_id=bob.wallet_id)
    db.execute(
        "INSERT INTO disputes (id, user_id, wallet_id, transaction_id, reason, status, resolved_by,"
        " resolved_at, refund_amount, refund_operation_id) VALUES (%s, %s, %s, %s, 'raced',"
        " 'resolved_refund', %s, now(), '6.00', %s)",
        (dispute_id, alice.user_id, alice.wallet_id, debit["transaction_id"], moderator.user_id,
         operation_id))
    balances = (api.balance(alice), api.balance(bob))
    outbox.publish(POSTING_TASKS["refund"], [operation_id])
    assert wait_all_finished(db, [operation_id])[operation_id] == "failed"
    code = db.execute("SELECT error_code FROM operations WHERE id = %s", (operation_id,)).fetchone()[0]
    assert code == "REFUND_EXCEEDS_REFUNDABLE"
    assert (api.balance(alice), api.balance(bob)) == balances
    assert violations(db) == []


def test_a_concurrent_double_resolve_makes_one_refund(app, db):
    api = Api(app.test_client(), db)
    alice, bob = api.wallet(funds="30.00"), api.wallet()
    moderators = [api.user(role="moderator"), api.user(role="admin")]
    dispute = _opened(api, alice, _sent(api, alice, bob, "30.00")["transaction_id"])

    def resolve(i):
        return _resolve(Api(app.test_client(), db), moderators[i % 2], dispute["dispute_id"])

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(resolve, range(8)))
    codes = sorted(response.status_code for response in responses)
    assert codes == [200] + [409] * 7
    assert {r.json["error_code"] for r in responses if r.status_code == 409} == {"DISPUTE_NOT_OPEN"}
    [(operation_id,)] = db.execute("SELECT id::text FROM operations WHERE user_id = %s"
                                   " AND type = 'refund'", (alice.user_id,)).fetchall()
    assert wait_all_finished(db, [operation_id])[operation_id] == "completed"
    assert (api.balance(alice), api.balance(bob)) == ("30.00", "0.00")
    assert db.execute("SELECT count(*) FROM audit_logs WHERE action = 'RESOLVE_DISPUTE'"
                      " AND target_id = %s", (dispute["dispute_id"],)).fetchone()[0] == 1
    assert violations(db) == []


def test_a_moderator_cannot_resolve_their_own_dispute(api):
    moderator = api.wallet(api.user(role="moderator"), funds="5.00")
    bob = api.wallet()
    dispute = _opened(api, moderator, _sent(api, moderator, bob, "5.00")["transaction_id"])
    response = _resolve(api, moderator, dispute["dispute_id"])
    assert response.status_code == 403 and response.json["error_code"] == "SELF_ACTION_NOT_ALLOWED"


def test_resolving_an_unknown_dispute_or_with_a_bad_body_is_refused(api):
    moderator = api.user(role="moderator")
    for dispute_id in (str(uuid.uuid4()), "nope"):
        response = _resolve(api, moderator, dispute_id)
        assert response.status_code == 404 and response.json["error_code"] == "DISPUTE_NOT_FOUND"
    path = f"/admin/disputes/{uuid.uuid4()}/resolve"
    for body in ({"resolution": "maybe", "resolution_notes": "x"},
                 {"resolution": "refund"},
                 {"resolution": "refund", "resolution_notes": "x", "refund_amount": "0.00"},
                 {"resolution": "refund", "resolution_notes": "x", "refund_amount": 5}):
        response = api.post(path, moderator, json=body)
        assert response.status_code == 422 and response.json["error_code"] == "VALIDATION_ERROR"


# --- the moderators' queue --------------------------------------------------------------
def test_moderators_list_and_read_disputes_with_filters(api):
    alice, bob, moderator = api.wallet(funds="10.00"), api.wallet(), api.user(role="moderator")
    dispute = _opened(api, alice, _sent(api, alice, bob, "2.00")["transaction_id"])
    queue = api.get(f"/admin/disputes?status=open&user_id={alice.user_id}", moderator).json["data"]
    assert [item["dispute_id"] for item in queue["items"]] == [dispute["dispute_id"]]
    assert queue["items"][0]["user_id"] == alice.user_id
    assert api.get(f"/admin/disputes?status=resolved_rejected&user_id={alice.user_id}",
                   moderator).json["data"]["total"] == 0
    assert api.get("/admin/disputes?status=open", moderator).json["data"]["total"] >= 1
    detail = api.get(f"/admin/disputes/{dispute['dispute_id']}", moderator).json["data"]
    assert detail["reason"] == "Goods never arrived" and detail["refundable_amount"] == "2.00"
    for path in ("/admin/disputes?status=weird", "/admin/disputes?user_id=nope",
                 "/admin/disputes?per_page=101"):
        assert api.get(path, moderator).status_code == 422
    missing = api.get(f"/admin/disputes/{uuid.uuid4()}", moderator)
    assert missing.status_code == 404 and missing.json["error_code"] == "DISPUTE_NOT_FOUND"


@pytest.mark.parametrize("role, allowed", [
    ("user", False), ("moderator", True), ("admin", True), ("super_admin", True)])
def test_admin_dispute_routes_need_a_moderator(api, role, allowed):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    dispute = _opened(api, alice, _sent(api, alice, bob, "1.00")["transaction_id"])
    caller = api.user(role=role)
    responses = [
        api.get("/admin/disputes", caller),
        api.get(f"/admin/disputes/{dispute['dispute_id']}", caller),
        _resolve(api, caller, dispute["dispute_id"], "rejected"),
    ]
    for response in responses:
        if allowed:
            assert response.status_code == 200, response.json
        else:
            assert response.status_code == 403
            assert response.json["error_code"] == "INSUFFICIENT_PERMISSIONS"
    assert api.get("/admin/disputes").status_code == 401


def test_a_resolution_raises_the_dispute_resolved_webhook_event(api, db):
    alice, bob, moderator = api.wallet(funds="10.00"), api.wallet(), api.user(role="moderator")
    hook = api.post("/webhooks", alice, json={"url": "http://127.0.0.1:9/hooks",
                                             "events": ["dispute.resolved"]})
    assert hook.status_code == 201, hook.json
    dispute = _opened(api, alice, _sent(api, alice, bob, "4.00")["transaction_id"])
    resolved = _resolve(api, moderator, dispute["dispute_id"], amount="1.50").json["data"]
    [data] = [row[0] for row in db.execute(
        "SELECT data FROM webhook_events WHERE user_id = %s AND type = 'dispute.resolved'",
        (alice.user_id,)).fetchall()]
    assert (data["dispute_id"], data["resolution"], data["refund_amount"]) == (
        dispute["dispute_id"], "refund", "1.50")
    assert data["refund_operation_id"] == resolved["refund_operation_id"]
    api.call("DELETE", f"/webhooks/{hook.json['data']['webhook_id']}", alice)
