"""The admin console through the API (the contract's section 12): wallets, admin
freezes, every ledger row and operation, system settings and statistics."""
from __future__ import annotations

import datetime as dt
import json
import uuid
from zoneinfo import ZoneInfo

import pytest

from checks.ledger import wait_all_finished
from domain.ledger import OPERATION_TYPES
from tests.support.api import PIN

ADMIN_WALLET_FIELDS = {"wallet_id", "user_id", "owner_email", "balance", "currency", "status",
                       "freeze_reason", "frozen_at", "kyc_verified", "kyc_tier", "pin_set",
                       "created_at", "updated_at"}
TIER2_SEND = "limits.tier2.send_money"


def error_code(response) -> str:
    return response.json["error_code"]


def set_freeze(db, wallet_id: str, reason: str) -> None:
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = %s, frozen_at = now()"
               " WHERE id = %s", (reason, wallet_id))


def audit_rows(db, action: str, target_id: str) -> list:
    return db.execute(
        "SELECT actor_id::text, actor_role, before_state, after_state, reason, request_id"
        " FROM audit_logs WHERE action = %s AND target_id = %s ORDER BY id", (action, target_id)
    ).fetchall()


def notifications(db, user_id: str, type_: str) -> list:
    return db.execute("SELECT title, body, metadata FROM notifications"
                      " WHERE user_id = %s AND type = %s", (user_id, type_)).fetchall()


@pytest.fixture()
def moderator(api):
    return api.user("moderator")


@pytest.fixture()
def super_admin(api):
    return api.user("super_admin")


def freeze(api, actor, wallet_id: str, reason="Chargeback fraud under investigation"):
    return api.post(f"/admin/wallets/{wallet_id}/freeze", actor, json={"reason": reason})


def unfreeze(api, actor, wallet_id: str, **body):
    return api.post(f"/admin/wallets/{wallet_id}/unfreeze", actor, json=body)


# --- wallet list and detail -----------------------------------------------------------
def test_a_moderator_lists_wallets_with_their_balance_and_owner(api, moderator):
    alice = api.wallet(pin=None)
    response = api.get("/admin/wallets", moderator, query_string={"user_id": alice.user_id})
    assert response.status_code == 200
    page = response.json["data"]
    assert page["total"] == 1 and page["page"] == 1 and page["per_page"] == 20 and page["pages"] == 1
    wallet = page["items"][0]
    assert set(wallet) == ADMIN_WALLET_FIELDS
    assert wallet["wallet_id"] == alice.wallet_id and wallet["owner_email"] == alice.email
    assert wallet["user_id"] == alice.user_id and wallet["balance"] == "0.00"
    assert wallet["pin_set"] is False and wallet["kyc_verified"] is True


def test_the_wallet_list_filters_by_status_and_kyc(api, db, moderator):
    alice = api.wallet(kyc=False, pin=None)
    set_freeze(db, alice.wallet_id, "self")

    def total(**query):
        return api.get("/admin/wallets", moderator,
                       query_string={"user_id": alice.user_id, **query}).json["data"]["total"]

    assert total(status="frozen") == 1 and total(status="active") == 0
    assert total(kyc_verified="false") == 1 and total(kyc_verified="true") == 0
    frozen = api.get("/admin/wallets", moderator, query_string={"status": "frozen"}).json["data"]
    assert {w["status"] for w in frozen["items"]} == {"frozen"}
    assert frozen["items"][0]["wallet_id"] == alice.wallet_id  # newest first


def test_the_wallet_list_pages(api, moderator):
    api.wallet(pin=None)
    api.wallet(pin=None)
    page = api.get("/admin/wallets", moderator, query_string={"per_page": 1, "page": 2}).json["data"]
    assert page["per_page"] == 1 and page["total"] >= 2 and page["pages"] == page["total"]
    assert len(page["items"]) == 1


@pytest.mark.parametrize("query", [{"per_page": 101}, {"page": 0}, {"status": "gone"},
                                   {"kyc_verified": "maybe"}, {"user_id": "nope"}, {"owner": "x"}])
def test_the_wallet_list_refuses_bad_query_arguments(api, moderator, query):
    response = api.get("/admin/wallets", moderator, query_string=query)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


@pytest.mark.usefixtures("worker")
def test_a_wallet_detail_shows_its_twenty_most_recent_rows(api, db, moderator):
    alice = api.wallet()
    operations = [api.topup(alice, f"{n}.00")["operation_id"] for n in range(1, 23)]
    assert set(wait_all_finished(db, operations).values()) == {"completed"}
    response = api.get(f"/admin/wallets/{alice.wallet_id}", moderator)
    assert response.status_code == 200
    wallet = response.json["data"]
    assert set(wallet) == ADMIN_WALLET_FIELDS | {"recent_transactions", "transaction_count"}
    assert wallet["balance"] == "253.00" and wallet["pin_set"] is True
    assert wallet["transaction_count"] == 22
    rows = wallet["recent_transactions"]
    assert len(rows) == 20 and {row["wallet_id"] for row in rows} == {alice.wallet_id}
    times = [row["created_at"] for row in rows]
    assert times == sorted(times, reverse=True)


def test_an_unknown_wallet_is_not_found(api, moderator):
    for path in ("/admin/wallets/VPY-000000", "/admin/wallets/nonsense"):
        response = api.get(path, moderator)
        assert response.status_code == 404 and error_code(response) == "WALLET_NOT_FOUND"


# --- admin freeze ---------------------------------------------------------------------
def test_an_admin_freeze_is_audited_notified_and_not_liftable_by_the_owner(api, db, moderator):
    alice = api.wallet(pin=None)
    response = api.post(f"/admin/wallets/{alice.wallet_id}/freeze", moderator,
                        json={"reason": "  Chargeback fraud  "}, headers={"X-Request-ID": "rq-freeze-1"})
    assert response.status_code == 200 and response.json["message"] == "Wallet frozen"
    wallet = response.json["data"]
    assert wallet["status"] == "frozen" and wallet["freeze_reason"] == "admin" and wallet["frozen_at"]
    [row] = audit_rows(db, "FREEZE_WALLET", alice.wallet_id)
    assert row == (moderator.user_id, "moderator", {"status": "active", "freeze_reason": None},
                   {"status": "frozen", "freeze_reason": "admin"}, "Chargeback fraud", "rq-freeze-1")
    [note] = notifications(db, alice.user_id, "wallet_frozen")
    assert note[2] == {"wallet_id": alice.wallet_id} and "fraud" not in note[1].lower()
    refused = api.post("/wallets/unfreeze", alice)
    assert refused.status_code == 403 and error_code(refused) == "WALLET_FROZEN_BY_ADMIN"


@pytest.mark.usefixtures("worker")
def test_an_admin_frozen_wallet_cannot_send_money(api, moderator):
    alice, bob = api.wallet(funds="50.00"), api.wallet(pin=None)
    freeze(api, moderator, alice.wallet_id)
    response = api.send(alice, bob, "10.00", wait=5)
    if response.status_code in (201, 202):  # accepted, then failed by the worker
        operation = api.wait_finished(alice, response.json["data"]["operation_id"])
        assert operation["error"]["error_code"] == "WALLET_FROZEN"
    else:
        assert response.status_code == 403 and error_code(response) == "WALLET_FROZEN"
    assert api.balance(alice) == "50.00"


@pytest.mark.parametrize("earlier", ["self", "pin_lockout"])
def test_an_admin_freeze_takes_over_an_earlier_freeze(api, db, moderator, earlier):
    alice = api.wallet(pin=None)
    set_freeze(db, alice.wallet_id, earlier)
    response = freeze(api, moderator, alice.wallet_id)
    assert response.status_code == 200 and response.json["data"]["freeze_reason"] == "admin"
    [row] = audit_rows(db, "FREEZE_WALLET", alice.wallet_id)
    assert row[2] == {"status": "frozen", "freeze_reason": earlier}
    refused = api.post("/wallets/unfreeze", alice)
    assert refused.status_code == 403 and error_code(refused) == "WALLET_FROZEN_BY_ADMIN"


def test_freezing_an_admin_frozen_or_closed_wallet_conflicts_and_records_nothing(api, db, moderator):
    alice, bob = api.wallet(pin=None), api.wallet(pin=None)
    freeze(api, moderator, alice.wallet_id)
    again = freeze(api, moderator, alice.wallet_id)
    assert again.status_code == 409 and error_code(again) == "WALLET_ALREADY_FROZEN"
    api.call("DELETE", "/wallets/me", bob)
    closed = freeze(api, moderator, bob.wallet_id)
    assert closed.status_code == 409 and error_code(closed) == "WALLET_ALREADY_CLOSED"
    assert len(audit_rows(db, "FREEZE_WALLET", alice.wallet_id)) == 1
    assert audit_rows(db, "FREEZE_WALLET", bob.wallet_id) == []
    assert notifications(db, bob.user_id, "wallet_frozen") == []


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 501},
                                  {"reason": "ok", "until": "tomorrow"}])
def test_a_freeze_needs_a_reason(api, moderator, body):
    alice = api.wallet(pin=None)
    response = api.post(f"/admin/wallets/{alice.wallet_id}/freeze", moderator, json=body)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


def test_freezing_an_unknown_wallet_is_not_found(api, moderator):
    for action in ("freeze", "unfreeze"):
        response = api.post(f"/admin/wallets/VPY-000000/{action}", moderator, json={"reason": "x"})
        assert response.status_code == 404 and error_code(response) == "WALLET_NOT_FOUND"


# --- admin unfreeze -------------------------------------------------------------------
def test_an_admin_unfreeze_lifts_an_admin_freeze_with_audit_and_notification(api, db, moderator):
    alice = api.wallet(pin=None)
    freeze(api, moderator, alice.wallet_id)
    response = unfreeze(api, moderator, alice.wallet_id, reason="Investigation closed")
    assert response.status_code == 200 and response.json["message"] == "Wallet unfrozen"
    wallet = response.json["data"]
    assert wallet["status"] == "active" and wallet["freeze_reason"] is None
    assert wallet["frozen_at"] is None
    [row] = audit_rows(db, "UNFREEZE_WALLET", alice.wallet_id)
    assert row[:5] == (moderator.user_id, "moderator", {"status": "frozen", "freeze_reason": "admin"},
                       {"status": "active", "freeze_reason": None}, "Investigation closed")
    [note] = notifications(db, alice.user_id, "wallet_unfrozen")
    assert note[2] == {"wallet_id": alice.wallet_id}


def test_an_admin_unfreeze_needs_no_reason_and_lifts_a_self_freeze(api, db, moderator):
    alice = api.wallet(pin=None)
    api.post("/wallets/freeze", alice)
    response = api.post(f"/admin/wallets/{alice.wallet_id}/unfreeze", moderator)
    assert response.status_code == 200 and response.json["data"]["status"] == "active"
    assert audit_rows(db, "UNFREEZE_WALLET", alice.wallet_id)[0][4] is None


def test_an_admin_unfreeze_of_a_pin_lockout_gives_every_attempt_back(api, db, moderator):
    alice = api.wallet()
    for _ in range(3):
        api.post("/pin/verify", alice, json={"pin": "9157"})
    locked = api.post("/pin/verify", alice, json={"pin": PIN})
    assert locked.status_code == 423 and error_code(locked) == "PIN_LOCKED"
    response = unfreeze(api, moderator, alice.wallet_id)
    assert response.status_code == 200 and response.json["data"]["status"] == "active"
    assert db.execute("SELECT failed_attempts FROM wallet_pins WHERE wallet_id = %s",
                      (alice.wallet_id,)).fetchone()[0] == 0
    wrong = api.post("/pin/verify", alice, json={"pin": "9157"})
    assert wrong.status_code == 401 and wrong.json["details"]["attempts_remaining"] == 2
    assert api.post("/pin/verify", alice, json={"pin": PIN}).status_code == 200


def test_an_admin_unfreeze_leaves_a_partly_used_pin_counter_alone(api, db, moderator):
    alice = api.wallet()
    api.post("/pin/verify", alice, json={"pin": "9157"})
    freeze(api, moderator, alice.wallet_id)
    unfreeze(api, moderator, alice.wallet_id)
    assert db.execute("SELECT failed_attempts FROM wallet_pins WHERE wallet_id = %s",
                      (alice.wallet_id,)).fetchone()[0] == 1


def test_unfreezing_a_wallet_that_is_not_frozen_conflicts(api, db, moderator):
    alice, bob = api.wallet(pin=None), api.wallet(pin=None)
    response = unfreeze(api, moderator, alice.wallet_id)
    assert response.status_code == 409 and error_code(response) == "WALLET_NOT_FROZEN"
    api.call("DELETE", "/wallets/me", bob)
    closed = unfreeze(api, moderator, bob.wallet_id)
    assert closed.status_code == 409 and error_code(closed) == "WALLET_ALREADY_CLOSED"
    assert audit_rows(db, "UNFREEZE_WALLET", alice.wallet_id) == []
    assert notifications(db, alice.user_id, "wallet_unfrozen") == []


# --- every ledger row -----------------------------------------------------------------
@pytest.fixture()
def transfer(api, worker):
    """Alice tops up 100.00 and sends Bob 30.00: three rows in two wallets."""
    alice, bob = api.wallet(funds="100.00"), api.wallet(pin=None)
    response = api.send(alice, bob, "30.00", wait=10)
    assert response.json["data"]["status"] == "completed", response.json
    return alice, bob


def admin_rows(api, actor, **query) -> dict:
    response = api.get("/admin/transactions", actor, query_string=query)
    assert response.status_code == 200, response.json
    return response.json["data"]


def test_moderators_see_every_wallets_rows_and_filter_them(api, db, moderator, transfer):
    alice, bob = transfer
    mine = admin_rows(api, moderator, wallet_id=alice.wallet_id)
    assert [(r["category"], r["type"], r["amount"]) for r in mine["items"]] == [
        ("transfer", "debit", "30.00"), ("topup", "credit", "100.00")]
    assert admin_rows(api, moderator, wallet_id=bob.wallet_id)["items"][0]["counterparty_wallet_id"] \
        == alice.wallet_id
    debits = admin_rows(api, moderator, wallet_id=alice.wallet_id, type="debit")
    assert [r["amount"] for r in debits["items"]] == ["30.00"]
    topups = admin_rows(api, moderator, wallet_id=alice.wallet_id, category="topup")
    assert [r["amount"] for r in topups["items"]] == ["100.00"]
    # Unfiltered: every wallet's rows, whatever other tests have posted meanwhile (the
    # newest rows need not be this test's).
    posted = db.execute("SELECT count(*) FROM ledger_entries WHERE wallet_id IS NOT NULL").fetchone()[0]
    everyone = admin_rows(api, moderator, per_page=3)
    assert everyone["total"] >= posted >= 3
    assert len(everyone["items"]) == 3 and all(r["wallet_id"] for r in everyone["items"])


def test_the_row_status_filter_matches_only_completed_rows(api, moderator, transfer):
    alice, _ = transfer
    assert admin_rows(api, moderator, wallet_id=alice.wallet_id, status="completed")["total"] == 2
    assert admin_rows(api, moderator, wallet_id=alice.wallet_id, status="failed")["total"] == 0


def test_row_dates_are_whole_days_in_the_business_timezone(api, app, moderator, transfer):
    alice, _ = transfer
    today = dt.datetime.now(ZoneInfo(app.config["SETTINGS"].business_timezone)).date()
    yesterday, tomorrow = today - dt.timedelta(days=1), today + dt.timedelta(days=1)
    assert admin_rows(api, moderator, wallet_id=alice.wallet_id, start_date=today.isoformat(),
                      end_date=today.isoformat())["total"] == 2
    assert admin_rows(api, moderator, wallet_id=alice.wallet_id,
                      end_date=yesterday.isoformat())["total"] == 0
    assert admin_rows(api, moderator, wallet_id=alice.wallet_id,
                      start_date=tomorrow.isoformat())["total"] == 0


@pytest.mark.parametrize("query", [{"start_date": "2024-05-02", "end_date": "2024-05-01"},
                                   {"type": "refund"}, {"category": "gift"}, {"status": "lost"},
                                   {"wallet_id": "VPY-1"}, {"per_page": 101}, {"user": "x"}])
def test_the_row_list_refuses_bad_query_arguments(api, moderator, query):
    response = api.get("/admin/transactions", moderator, query_string=query)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


# --- every operation ------------------------------------------------------------------
def insert_failed_operation(db, caller) -> str:
    operation_id = str(uuid.uuid4())
    db.execute(
        "INSERT INTO operations (id, user_id, wallet_id, type, status, amount, currency,"
        " idempotency_key, request_fingerprint, error_code, error_message, finished_at)"
        " VALUES (%s, %s, %s, 'withdraw', 'failed', 70.00, 'INR', %s, 'x',"
        " 'INSUFFICIENT_BALANCE', 'Insufficient balance', now())",
        (operation_id, caller.user_id, caller.wallet_id, uuid.uuid4().hex))
    return operation_id


def admin_operations(api, actor, **query) -> dict:
    response = api.get("/admin/operations", actor, query_string=query)
    assert response.status_code == 200, response.json
    return response.json["data"]


def test_moderators_see_every_operation_and_filter_them(api, db, moderator, transfer):
    alice, bob = transfer
    failed = insert_failed_operation(db, alice)
    mine = admin_operations(api, moderator, user_id=alice.user_id)
    assert [(o["type"], o["status"]) for o in mine["items"]] == [
        ("withdraw", "failed"), ("send", "completed"), ("topup", "completed")]
    first = mine["items"][0]
    assert first["operation_id"] == failed and first["user_id"] == alice.user_id
    assert first["wallet_id"] == alice.wallet_id and first["amount"] == "70.00"
    assert first["error"] == {"error_code": "INSUFFICIENT_BALANCE", "message": "Insufficient balance"}
    send = mine["items"][1]
    assert send["result"]["transactions"][0]["wallet_id"] == alice.wallet_id
    by_wallet = admin_operations(api, moderator, wallet_id=alice.wallet_id, status="completed",
                                 type="send")
    assert [o["operation_id"] for o in by_wallet["items"]] == [send["operation_id"]]
    assert admin_operations(api, moderator, user_id=bob.user_id)["total"] == 0
    assert {o["status"] for o in admin_operations(api, moderator, status="failed")["items"]} == {"failed"}


@pytest.mark.parametrize("query", [{"status": "lost"}, {"type": "gift"}, {"user_id": "1"},
                                   {"wallet_id": "x"}, {"page": 0}, {"owner": "me"}])
def test_the_operation_list_refuses_bad_query_arguments(api, moderator, query):
    response = api.get("/admin/operations", moderator, query_string=query)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


# --- settings -------------------------------------------------------------------------
@pytest.fixture()
def restore_tier2_send(db):
    """Tier 2 is used by no other test; put its row back as it was anyway."""
    before = db.execute("SELECT value, updated_by FROM system_settings WHERE key = %s",
                        (TIER2_SEND,)).fetchone()
    yield
    if before is None:
        db.execute("DELETE FROM system_settings WHERE key = %s", (TIER2_SEND,))
    else:
        db.execute("UPDATE system_settings SET value = %s, updated_by = %s WHERE key = %s",
                   (json.dumps(before[0]), before[1], TIER2_SEND))


def change_setting(api, actor, key: str, value):
    return api.call("PATCH", f"/admin/settings/{key}", actor, json={"value": value})


def test_a_super_admin_lists_every_setting_with_its_type_and_default(api, super_admin):
    response = api.get("/admin/settings", super_admin)
    assert response.status_code == 200
    settings = {s["key"]: s for s in response.json["data"]}
    assert {f"limits.tier{t}.{a}" for t in (0, 1, 2)
            for a in ("send_money", "topup", "withdraw")} <= set(settings)
    tier0 = settings["limits.tier0.send_money"]
    assert set(tier0) == {"key", "value", "type", "description", "default", "updated_at",
                          "updated_by"}
    assert tier0["type"] == "limits" and "KYC tier 0" in tier0["description"]
    assert set(tier0["default"]) == {"per_transaction_limit", "daily_limit", "monthly_limit"}


@pytest.mark.usefixtures("restore_tier2_send")
def test_a_setting_change_is_normalised_audited_and_read_back_at_once(api, db, super_admin):
    from domain import tier_limits

    value = {"per_transaction_limit": "150", "daily_limit": "300.5", "monthly_limit": "900.00"}
    response = change_setting(api, super_admin, TIER2_SEND, value)
    assert response.status_code == 200 and response.json["message"] == "Setting updated"
    setting = response.json["data"]
    stored = {"per_transaction_limit": "150.00", "daily_limit": "300.50", "monthly_limit": "900.00"}
    assert setting["value"] == stored and setting["updated_by"] == super_admin.user_id
    assert setting["updated_at"]
    [row] = audit_rows(db, "UPDATE_SETTING", TIER2_SEND)[-1:]
    assert row[0] == super_admin.user_id and row[3] == {"value": stored}
    assert row[2]["value"] != stored
    [[raw]] = db.execute("SELECT value FROM system_settings WHERE key = %s", (TIER2_SEND,))
    assert str(tier_limits.tier_limits(2, "send_money", raw).daily_limit) == "300.50"
    listed = {s["key"]: s for s in api.get("/admin/settings", super_admin).json["data"]}
    assert listed[TIER2_SEND]["value"] == stored


@pytest.mark.usefixtures("restore_tier2_send")
def test_a_tier_limit_change_reaches_the_limits_endpoint_without_a_restart(api, db, super_admin):
    alice = api.wallet(pin=None)
    db.execute("UPDATE wallets SET kyc_tier = 2 WHERE id = %s", (alice.wallet_id,))
    value = {"per_transaction_limit": "111.00", "daily_limit": "222.00", "monthly_limit": "333.00"}
    assert change_setting(api, super_admin, TIER2_SEND, value).status_code == 200
    limits = api.get("/limits", alice).json["data"]
    [send] = [item for item in limits if item["action"] == "send_money"]
    assert {name: send[name] for name in value} == value and send["source"] == "default"


@pytest.mark.parametrize("value, field", [
    ("1000.00", "value"),
    ({"per_transaction_limit": "1.00", "daily_limit": "2.00"}, "monthly_limit"),
    ({"per_transaction_limit": "-1.00", "daily_limit": "2.00", "monthly_limit": "3.00"},
     "per_transaction_limit"),
    ({"per_transaction_limit": "0", "daily_limit": "2.00", "monthly_limit": "3.00"},
     "per_transaction_limit"),
    ({"per_transaction_limit": "1.001", "daily_limit": "2.00", "monthly_limit": "3.00"},
     "per_transaction_limit"),
    ({"per_transaction_limit": 1, "daily_limit": "2.00", "monthly_limit": "3.00"},
     "per_transaction_limit"),
    ({"per_transaction_limit": "5.00", "daily_limit": "2.00", "monthly_limit": "3.00"},
     "per_transaction_limit"),
    ({"per_transaction_limit": "1.00", "daily_limit": "4.00", "monthly_limit": "3.00"},
     "daily_limit"),
    ({"per_transaction_limit": "1.00", "daily_limit": "2.00", "monthly_limit": "3.00", "x": "1"},
     "x"),
])
def test_a_bad_setting_value_is_refused_and_changes_nothing(api, db, super_admin, value, field):
    before = db.execute("SELECT count(*) FROM audit_logs WHERE action = 'UPDATE_SETTING'").fetchone()
    response = change_setting(api, super_admin, TIER2_SEND, value)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    problems = response.json["details"]["value"]
    assert field == "value" and isinstance(problems, list) or field in problems
    assert db.execute("SELECT count(*) FROM audit_logs WHERE action = 'UPDATE_SETTING'").fetchone() \
        == before


def test_an_unknown_setting_is_not_found(api, super_admin):
    response = change_setting(api, super_admin, "limits.tier0.teleport", {"a": "1.00"})
    assert response.status_code == 404 and error_code(response) == "SETTING_NOT_FOUND"


@pytest.mark.parametrize("body", [{}, {"value": None}, {"value": {}, "reason": "x"}])
def test_a_setting_change_needs_exactly_a_value(api, super_admin, body):
    response = api.call("PATCH", f"/admin/settings/{TIER2_SEND}", super_admin, json=body)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


# --- statistics -----------------------------------------------------------------------
def sql_stats(db) -> dict:
    wallets = db.execute(
        "SELECT count(*), count(*) FILTER (WHERE status = 'active'),"
        " count(*) FILTER (WHERE status = 'frozen'), count(*) FILTER (WHERE status = 'closed')"
        " FROM wallets").fetchone()
    volume = dict(db.execute("SELECT type, sum(amount)::text FROM operations"
                             " WHERE status = 'completed' GROUP BY type").fetchall())
    by_currency: dict = {}
    for currency, kind, amount in db.execute(
            "SELECT currency, type, sum(amount)::text FROM operations"
            " WHERE status = 'completed' GROUP BY currency, type").fetchall():
        by_currency.setdefault(currency, dict.fromkeys(OPERATION_TYPES, "0.00"))[kind] = amount
    return {
        "total_users": db.execute("SELECT count(*) FROM users").fetchone()[0],
        "total_wallets": wallets[0], "active_wallets": wallets[1],
        "frozen_wallets": wallets[2], "closed_wallets": wallets[3],
        "total_transaction_volume": {t: volume.get(t, "0.00") for t in OPERATION_TYPES},
        "transaction_volume_by_currency": by_currency,
        "pending_kyc_count": db.execute(
            "SELECT count(*) FROM kyc_submissions WHERE status = 'pending'").fetchone()[0],
        "open_disputes": db.execute(
            "SELECT count(*) FROM disputes WHERE status = 'open'").fetchone()[0],
        "operations_by_status": {s: n for s, n in db.execute(
            "SELECT s, (SELECT count(*) FROM operations WHERE status = s)"
            " FROM unnest(ARRAY['queued', 'processing', 'completed', 'failed']) s").fetchall()},
    }


def test_the_stats_equal_an_independent_count(api, db, moderator, super_admin, transfer):
    alice, bob = transfer
    api.wallet(currency="EUR", funds="20.00")  # a second currency, kept apart
    freeze(api, moderator, bob.wallet_id)
    insert_failed_operation(db, alice)
    for _ in range(5):  # background jobs of earlier tests may finish between two reads
        expected = sql_stats(db)
        response = api.get("/admin/stats", super_admin)
        if sql_stats(db) == expected:
            break
    assert response.status_code == 200
    stats = response.json["data"]
    assert stats == expected
    assert stats["frozen_wallets"] >= 1 and stats["operations_by_status"]["failed"] >= 1
    assert stats["total_transaction_volume"]["send"] != "0.00"
    by_currency = stats["transaction_volume_by_currency"]
    assert by_currency["INR"]["send"] != "0.00" and by_currency["EUR"]["topup"] != "0.00"


def test_counts_of_tables_not_yet_migrated_are_zero(app, monkeypatch):
    from db import admin_queries
    from db.session import unit_of_work

    monkeypatch.setitem(admin_queries._OPTIONAL_COUNTS, "open_disputes",
                        ("no_such_table_yet", "status = 'open'"))
    with unit_of_work(app.config["SETTINGS"].database_url) as session:
        assert admin_queries.optional_counts(session)["open_disputes"] == 0
