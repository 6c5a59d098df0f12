"""Transaction limits through the API (the contract's section 6 and the admin limit
endpoints of section 12), enforced at submit and by a real Celery worker."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from checks.ledger import violations, wait_all_finished
from db import limits as limit_queries
from db.session import engine_for, unit_of_work
from domain import errors
from domain.limits import periods
from domain.tier_limits import TIER_LIMIT_DEFAULTS
from tests.support import operations
from tests.support.api import PIN, Api

pytestmark = pytest.mark.usefixtures("worker")

IST = ZoneInfo("Asia/Kolkata")
WITHDRAW = {"bank_account": "123456789012", "ifsc": "HDFC0001234", "pin": PIN}


def limits_of(api, caller) -> dict[str, dict]:
    response = api.get("/limits", caller)
    assert response.status_code == 200, response.json
    return {item["action"]: item for item in response.json["data"]}


def set_limit(api, caller, action: str, **values):
    return api.post("/limits", caller, json={"action": action, **values})


def change_limit(api, caller, action: str, **values):
    return api.call("PATCH", f"/limits/{action}", caller, json=values)


def override(api, admin, wallet_id: str, action: str, reason="Business account, verified volumes",
             **values):
    return api.post(f"/admin/limits/{wallet_id}", admin,
                    json={"action": action, "reason": reason, **values})


def topup(api, caller, amount: str, wait=None):
    return api.money("topup", caller, {"amount": amount, "payment_method": "upi"}, wait=wait)


def refused(response, status: int, code: str) -> bool:
    return (response.status_code, response.json.get("error_code")) == (status, code)


def tier_values(tier: int, action: str) -> dict[str, str]:
    return {name: f"{value:.2f}" for name, value in TIER_LIMIT_DEFAULTS[tier][action].as_dict().items()}


# --- tier defaults ----------------------------------------------------------------------
def _posted_topup(db, owner, amount: str) -> tuple[str, str | None]:
    """A top-up the API accepted, as the posting job decides it: (status, error code)."""
    return operations.outcome(db, operations.enqueue_accepted(db, owner, "topup", amount,
                                                              payment_method="upi"))


def test_limits_follow_the_kyc_tier_before_and_after_approval(api, db):
    alice = api.wallet(kyc=False)
    before = limits_of(api, alice)
    assert list(before) == ["send_money", "topup", "withdraw"]
    send = before["send_money"]
    assert {name: send[name] for name in tier_values(0, "send_money")} == tier_values(0, "send_money")
    assert send["source"] == "default" and send["tier_maximum"] == tier_values(0, "send_money")
    assert (send["used_today"], send["used_this_month"]) == ("0.00", "0.00")
    assert send["remaining_today"] == send["daily_limit"]

    db.execute("UPDATE wallets SET kyc_verified = true, kyc_tier = 1 WHERE id = %s", (alice.wallet_id,))
    after = limits_of(api, alice)
    for action in ("send_money", "topup", "withdraw"):
        assert after[action]["tier_maximum"] == tier_values(1, action)
        assert Decimal(after[action]["daily_limit"]) > Decimal(before[action]["daily_limit"])


def test_the_migration_seeds_the_tier_defaults_as_system_settings(db):
    rows = dict(db.execute("SELECT key, value FROM system_settings WHERE key LIKE 'limits.tier%'"))
    for tier in (0, 1, 2):
        for action in ("send_money", "topup", "withdraw"):
            assert rows[f"limits.tier{tier}.{action}"] == tier_values(tier, action)


def test_a_settings_change_takes_effect_at_once_without_a_restart(api, db):
    alice = api.wallet()
    # A tier of its own, so the change cannot disturb any other test.
    db.execute("UPDATE wallets SET kyc_tier = 7 WHERE id = %s", (alice.wallet_id,))
    assert limits_of(api, alice)["topup"]["tier_maximum"] == tier_values(2, "topup")
    value = {"per_transaction_limit": "40.00", "daily_limit": "60.00", "monthly_limit": "90.00"}
    db.execute("INSERT INTO system_settings (key, value) VALUES ('limits.tier7.topup', %s)",
               (json.dumps(value),))
    try:
        assert limits_of(api, alice)["topup"]["daily_limit"] == "60.00"
        assert refused(topup(api, alice, "40.01"), 429, "PER_TRANSACTION_LIMIT_EXCEEDED")
        assert topup(api, alice, "40.00", wait=10).status_code == 201
        db.execute("UPDATE system_settings SET value = jsonb_set(value, '{per_transaction_limit}',"
                   " '\"45.00\"') WHERE key = 'limits.tier7.topup'")
        assert refused(topup(api, alice, "25.00"), 429, "DAILY_LIMIT_EXCEEDED")
        assert topup(api, alice, "20.00", wait=10).status_code == 201
    finally:
        db.execute("DELETE FROM system_settings WHERE key = 'limits.tier7.topup'")


# --- usage ------------------------------------------------------------------------------
def test_used_today_and_this_month_count_completed_operations_per_action(api):
    alice, bob = api.wallet(funds="100.00"), api.wallet()
    assert api.send(alice, bob, "30.00", wait=10).status_code == 201
    assert api.send(alice, bob, "100.00").status_code == 402  # refused: not used
    mine = limits_of(api, alice)
    assert (mine["topup"]["used_today"], mine["topup"]["used_this_month"]) == ("100.00", "100.00")
    assert (mine["send_money"]["used_today"], mine["withdraw"]["used_today"]) == ("30.00", "0.00")
    daily = Decimal(mine["send_money"]["daily_limit"])
    assert Decimal(mine["send_money"]["remaining_today"]) == daily - Decimal("30.00")
    assert limits_of(api, bob)["send_money"]["used_today"] == "0.00"  # receiving is not sending


def test_days_and_months_are_counted_in_the_business_timezone(api, db):
    alice = api.wallet(funds="70.00")
    today = periods(db.execute("SELECT now()").fetchone()[0], IST)
    day_start, month_start = today.day_start, today.month_start

    def used_after_finishing_at(moment: datetime) -> tuple[str, str]:
        db.execute("UPDATE operations SET finished_at = %s WHERE wallet_id = %s",
                   (moment, alice.wallet_id))
        item = limits_of(api, alice)["topup"]
        return item["used_today"], item["used_this_month"]

    assert used_after_finishing_at(day_start) == ("70.00", "70.00")  # 00:00 IST belongs to today
    yesterday = "70.00" if day_start > month_start else "0.00"
    assert used_after_finishing_at(day_start - timedelta(minutes=1)) == ("0.00", yesterday)
    assert used_after_finishing_at(month_start - timedelta(minutes=1)) == ("0.00", "0.00")
    # 18:30 UTC is midnight IST: a UTC calendar would still count this as today.
    assert day_start.astimezone(timezone.utc).time().isoformat() == "18:30:00"


# --- custom limits ----------------------------------------------------------------------
def test_a_user_lowers_a_limit_and_the_others_keep_following_the_tier(api, db):
    alice = api.wallet()
    response = set_limit(api, alice, "withdraw", per_transaction_limit="500.00", daily_limit="1000.00")
    assert response.status_code == 201, response.json
    item = response.json["data"]
    assert item["source"] == "custom" and item["action"] == "withdraw"
    assert (item["per_transaction_limit"], item["daily_limit"]) == ("500.00", "1000.00")
    assert item["monthly_limit"] == tier_values(1, "withdraw")["monthly_limit"]
    assert limits_of(api, alice)["withdraw"] == item
    assert limits_of(api, alice)["send_money"]["source"] == "default"
    stored = db.execute("SELECT source, monthly_limit, set_by::text FROM transaction_limits"
                        " WHERE wallet_id = %s", (alice.wallet_id,)).fetchone()
    assert stored == ("custom", None, alice.user_id)


def test_creating_a_limit_that_exists_is_a_conflict(api):
    alice = api.wallet()
    assert set_limit(api, alice, "topup", monthly_limit="150000.00").status_code == 201
    assert refused(set_limit(api, alice, "topup", monthly_limit="100000.00"), 409, "LIMIT_ALREADY_EXISTS")
    assert limits_of(api, alice)["topup"]["monthly_limit"] == "150000.00"


def test_a_user_cannot_raise_a_limit_above_the_tier_maximum(api):
    alice = api.wallet()
    maximum = tier_values(1, "send_money")["daily_limit"]
    above = f"{Decimal(maximum) + Decimal('0.01')}"
    response = set_limit(api, alice, "send_money", daily_limit=above)
    assert refused(response, 422, "LIMIT_ABOVE_MAXIMUM")
    assert maximum in response.json["details"]["daily_limit"][0]
    assert set_limit(api, alice, "send_money", daily_limit="50000.00").status_code == 201
    assert refused(change_limit(api, alice, "send_money", daily_limit=above), 422, "LIMIT_ABOVE_MAXIMUM")
    assert change_limit(api, alice, "send_money", daily_limit=maximum).status_code == 200


@pytest.mark.parametrize("body, field", [
    ({"action": "send_money", "per_transaction_limit": "200.00", "daily_limit": "100.00"},
     "per_transaction_limit"),
    ({"action": "send_money", "per_transaction_limit": "10.00", "daily_limit": "20.00",
      "monthly_limit": "15.00"}, "daily_limit"),
    ({"action": "send_money"}, "_schema"),
    ({"action": "lottery", "daily_limit": "1.00"}, "action"),
    ({"daily_limit": "1.00"}, "action"),
    ({"action": "topup", "daily_limit": 100}, "daily_limit"),
    ({"action": "topup", "daily_limit": "0.00"}, "daily_limit"),
    ({"action": "topup", "daily_limit": "1.001"}, "daily_limit"),
    ({"action": "topup", "daily_limit": "1.00", "source": "admin"}, "source"),
])
def test_incoherent_or_malformed_limits_are_validation_errors(api, body, field):
    response = api.post("/limits", api.wallet(), json=body)
    assert refused(response, 422, "VALIDATION_ERROR")
    assert field in response.json["details"]


def test_lowering_the_daily_limit_alone_below_the_per_transaction_default_is_accepted(api):
    alice = api.wallet(funds="500.00")
    assert Decimal(tier_values(1, "send_money")["per_transaction_limit"]) > Decimal("100.00")
    response = set_limit(api, alice, "send_money", daily_limit="100.00")
    assert response.status_code == 201, response.json
    item = response.json["data"]
    # The smallest of the three is what one payment may move.
    assert (item["per_transaction_limit"], item["daily_limit"]) == ("100.00", "100.00")
    assert limits_of(api, alice)["send_money"]["per_transaction_limit"] == "100.00"
    bob = api.wallet()
    assert refused(api.send(alice, bob, "150.00"), 429, "PER_TRANSACTION_LIMIT_EXCEEDED")
    assert api.send(alice, bob, "100.00", wait=10).status_code == 201


def test_patch_changes_only_what_it_sends_and_keeps_the_limits_coherent(api):
    alice = api.wallet()
    set_limit(api, alice, "topup", per_transaction_limit="100.00", daily_limit="200.00")
    response = change_limit(api, alice, "topup", daily_limit="300.00")
    assert response.status_code == 200
    item = response.json["data"]
    assert (item["per_transaction_limit"], item["daily_limit"], item["source"]) == (
        "100.00", "300.00", "custom")
    lowered = change_limit(api, alice, "topup", daily_limit="50.00")  # below the stored per-tx 100
    assert lowered.status_code == 200, lowered.json
    assert (lowered.json["data"]["per_transaction_limit"], lowered.json["data"]["daily_limit"]) == (
        "50.00", "50.00")
    contradicting = change_limit(api, alice, "topup", per_transaction_limit="60.00", daily_limit="40.00")
    assert refused(contradicting, 422, "VALIDATION_ERROR")
    assert refused(change_limit(api, alice, "topup"), 422, "VALIDATION_ERROR")
    moved = api.call("PATCH", "/limits/topup", alice, json={"action": "withdraw", "daily_limit": "1.00"})
    assert refused(moved, 422, "VALIDATION_ERROR") and "action" in moved.json["details"]


def test_patch_and_delete_need_an_existing_custom_limit(api):
    alice = api.wallet()
    assert refused(change_limit(api, alice, "withdraw", daily_limit="1.00"), 404, "LIMIT_NOT_FOUND")
    assert refused(api.call("DELETE", "/limits/withdraw", alice), 404, "LIMIT_NOT_FOUND")
    assert refused(api.call("DELETE", "/limits/lottery", alice), 404, "LIMIT_NOT_FOUND")


def test_delete_goes_back_to_the_tier_defaults(api):
    alice = api.wallet()
    set_limit(api, alice, "topup", per_transaction_limit="10.00")
    response = api.call("DELETE", "/limits/topup", alice)
    assert response.status_code == 200
    assert response.json["data"]["source"] == "default"
    assert response.json["data"]["per_transaction_limit"] == tier_values(1, "topup")["per_transaction_limit"]
    assert topup(api, alice, "10.01").status_code == 202


def test_limits_need_a_wallet(api):
    walletless = api.user()
    for response in (api.get("/limits", walletless),
                     set_limit(api, walletless, "topup", daily_limit="10.00"),
                     change_limit(api, walletless, "topup", daily_limit="10.00"),
                     api.call("DELETE", "/limits/topup", walletless)):
        assert refused(response, 404, "WALLET_NOT_FOUND")
    assert refused(api.get("/limits"), 401, "TOKEN_MISSING")


# --- at submit ----------------------------------------------------------------------------
def test_an_amount_above_the_per_transaction_limit_is_refused_at_submit(api, db):
    alice = api.wallet(funds="500.00")
    set_limit(api, alice, "withdraw", per_transaction_limit="50.00")
    response = api.money("withdraw", alice, {"amount": "50.01", **WITHDRAW})
    assert refused(response, 429, "PER_TRANSACTION_LIMIT_EXCEEDED")
    assert response.json["details"] == {"limit": "50.00"}
    assert db.execute("SELECT count(*) FROM operations WHERE wallet_id = %s AND type = 'withdraw'",
                      (alice.wallet_id,)).fetchone()[0] == 0
    assert api.money("withdraw", alice, {"amount": "50.00", **WITHDRAW}, wait=10).status_code == 201


def test_a_daily_or_monthly_breach_already_visible_is_refused_at_submit(api):
    alice = api.wallet()
    set_limit(api, alice, "topup", per_transaction_limit="100.00", daily_limit="100.00")
    assert topup(api, alice, "80.00", wait=10).status_code == 201
    response = topup(api, alice, "20.01")
    assert refused(response, 429, "DAILY_LIMIT_EXCEEDED")
    assert response.json["details"] == {"limit": "100.00", "used": "80.00", "remaining": "20.00"}
    assert topup(api, alice, "20.00", wait=10).status_code == 201

    bob = api.wallet()
    set_limit(api, bob, "topup", per_transaction_limit="60.00", daily_limit="60.00",
              monthly_limit="60.00")
    assert topup(api, bob, "50.00", wait=10).status_code == 201
    assert refused(topup(api, bob, "10.01"), 429, "MONTHLY_LIMIT_EXCEEDED")


# --- in the posting job -------------------------------------------------------------------
def test_the_worker_fails_an_operation_that_would_pass_the_daily_limit(api, db):
    alice = api.wallet()
    set_limit(api, alice, "topup", per_transaction_limit="100.00", daily_limit="100.00")
    assert topup(api, alice, "90.00", wait=10).status_code == 201
    assert _posted_topup(db, alice, "10.01") == ("failed", "DAILY_LIMIT_EXCEEDED")
    assert _posted_topup(db, alice, "10.00") == ("completed", None)
    assert api.balance(alice) == "100.00"


def test_the_worker_fails_an_operation_that_would_pass_the_monthly_limit(api, db):
    alice = api.wallet()
    set_limit(api, alice, "topup", per_transaction_limit="100.00", daily_limit="100.00",
              monthly_limit="100.00")
    assert topup(api, alice, "90.00", wait=10).status_code == 201
    operation_id = operations.enqueue_accepted(db, alice, "topup", "10.01", payment_method="upi")
    assert operations.outcome(db, operation_id) == ("failed", "MONTHLY_LIMIT_EXCEEDED")
    failed = api.get(f"/operations/{operation_id}", alice).json["data"]
    assert failed["error"]["error_code"] == "MONTHLY_LIMIT_EXCEEDED" and failed["result"] is None
    assert api.balance(alice) == "90.00"


def test_the_worker_also_rechecks_the_per_transaction_limit(api, db):
    alice = api.wallet()
    set_limit(api, alice, "topup", per_transaction_limit="50.00")  # lowered after the 202
    assert _posted_topup(db, alice, "60.00") == ("failed", "PER_TRANSACTION_LIMIT_EXCEEDED")
    assert api.balance(alice) == "0.00"


def test_50_concurrent_sends_never_together_exceed_the_daily_limit(app, db):
    api = Api(app.test_client(), db)
    alice, bob = api.wallet(funds="1000.00"), api.wallet()
    assert set_limit(api, alice, "send_money", per_transaction_limit="100.00",
                     daily_limit="100.00").status_code == 201
    # A withdrawal first, so this IP is already trusted (section 8) and every send
    # below is decided by the limit alone; it does not count towards sending.
    assert api.money("withdraw", alice, {"amount": "1.00", **WITHDRAW}, wait=10).status_code == 201

    def send(_):
        return Api(app.test_client(), db).send(alice, bob, "10.00")

    with ThreadPoolExecutor(25) as pool:
        responses = list(pool.map(send, range(50)))
    accepted = [r.json["data"]["operation_id"] for r in responses if r.status_code == 202]
    refusals = {(r.status_code, r.json["error_code"]) for r in responses if r.status_code != 202}
    assert refusals <= {(429, "DAILY_LIMIT_EXCEEDED")}

    statuses = wait_all_finished(db, accepted, timeout_s=120)
    completed = [op for op, status in statuses.items() if status == "completed"]
    assert len(completed) == 10, statuses
    codes = {row[0] for row in db.execute(
        "SELECT error_code FROM operations WHERE id::text = ANY(%s) AND status = 'failed'",
        ([op for op in accepted if op not in completed],))}
    assert codes <= {"DAILY_LIMIT_EXCEEDED"}
    total = db.execute("SELECT sum(amount) FROM operations WHERE id::text = ANY(%s)",
                       (completed,)).fetchone()[0]
    assert total == Decimal("100.00")
    assert (api.balance(alice), api.balance(bob)) == ("899.00", "100.00")
    assert limits_of(api, alice)["send_money"]["remaining_today"] == "0.00"
    assert violations(db) == []


def test_the_posting_check_is_one_lookup_and_at_most_one_indexed_sum(api, db, database_url):
    alice = api.wallet()
    set_limit(api, alice, "topup", per_transaction_limit="100.00", daily_limit="100.00")
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = engine_for(database_url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        with unit_of_work(database_url) as session:
            limit_queries.enforce(session, alice.wallet_id, "topup", Decimal("50.00"), IST)
            assert len(statements) == 2
            statements.clear()
            with pytest.raises(errors.PerTransactionLimitExceeded):
                limit_queries.enforce(session, alice.wallet_id, "topup", Decimal("100.01"), IST)
            assert len(statements) == 1  # the amount alone decides: no sum
            statements.clear()
            limit_queries.enforce(session, alice.wallet_id, "refund", Decimal("1000000.00"), IST)
            assert statements == []
    finally:
        event.remove(engine, "before_cursor_execute", count)

    with db.transaction():
        db.execute("SET LOCAL enable_seqscan = off")
        plan = "\n".join(row[0] for row in db.execute(
            "EXPLAIN SELECT sum(amount) FROM operations WHERE wallet_id = 'VPY-AAAAAA'"
            " AND type = ANY('{topup}') AND status = 'completed'"
            " AND finished_at >= now() - interval '1 day'"))
    assert "operations_limit_usage" in plan


# --- request rate ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def throttled(database_url):
    from web.app import create_app

    return create_app(test_config={"send_rate_per_minute": 2, "topup_rate_per_minute": 1,
                                   "withdraw_rate_per_minute": 1})


def test_money_calls_are_rate_limited_per_user_with_retry_after(throttled, db):
    api = Api(throttled.test_client(), db)
    alice, bob = api.wallet(), api.wallet()
    body = {"amount": "5.00", "payment_method": "upi"}
    assert api.money("topup", alice, body, key="order-1", wait=10).status_code == 201
    second = topup(api, alice, "1.00")
    assert refused(second, 429, "RATE_LIMITED")
    assert 1 <= int(second.headers["Retry-After"]) <= 60
    assert second.json["details"]["retry_after"] == int(second.headers["Retry-After"])
    # A replay is not a new request, and another user has a budget of their own.
    assert api.money("topup", alice, body, key="order-1").status_code == 200
    assert topup(api, bob, "1.00").status_code == 202

    sends = [api.send(alice, bob, "1.00") for _ in range(3)]
    assert [r.status_code for r in sends[:2]] == [202, 202]
    assert refused(sends[2], 429, "RATE_LIMITED")
    withdrawals = [api.money("withdraw", alice, {"amount": "1.00", **WITHDRAW}) for _ in range(2)]
    assert withdrawals[0].status_code == 202 and refused(withdrawals[1], 429, "RATE_LIMITED")


# --- administrators -------------------------------------------------------------------------
def test_an_admin_override_may_exceed_the_tier_and_is_audited(api, db):
    admin, alice = api.user("admin"), api.wallet()
    set_limit(api, alice, "topup", per_transaction_limit="100.00")
    response = override(api, admin, alice.wallet_id, "topup", per_transaction_limit="75000.00",
                        daily_limit="150000.00")
    assert response.status_code == 200, response.json
    row = response.json["data"]
    assert (row["source"], row["wallet_id"], row["set_by"]) == ("admin", alice.wallet_id, admin.user_id)
    assert (row["per_transaction_limit"], row["monthly_limit"]) == ("75000.00", None)
    mine = limits_of(api, alice)["topup"]
    assert (mine["source"], mine["per_transaction_limit"]) == ("admin", "75000.00")
    assert topup(api, alice, "60000.00").status_code == 202  # above the tier's 50,000

    [audit] = db.execute(
        "SELECT actor_id::text, actor_role, target_type, before_state, after_state, reason"
        " FROM audit_logs WHERE action = 'OVERRIDE_LIMIT' AND target_id = %s", (alice.wallet_id,))
    assert audit[:3] == (admin.user_id, "admin", "wallet")
    assert audit[3]["source"] == "custom" and audit[3]["per_transaction_limit"] == "100.00"
    assert audit[4] == {"action": "topup", "source": "admin", "reason": "Business account, verified volumes",
                        "per_transaction_limit": "75000.00", "daily_limit": "150000.00",
                        "monthly_limit": None}
    assert audit[5] == "Business account, verified volumes"
    assert db.execute("SELECT count(*) FROM notifications WHERE user_id = %s AND type = 'limits_changed'",
                      (alice.user_id,)).fetchone()[0] == 1


def test_a_user_cannot_change_or_remove_an_admin_limit(api):
    admin, alice = api.user("admin"), api.wallet()
    assert override(api, admin, alice.wallet_id, "send_money", daily_limit="500.00",
                    per_transaction_limit="100.00").status_code == 200
    for response in (set_limit(api, alice, "send_money", daily_limit="400.00"),
                     change_limit(api, alice, "send_money", daily_limit="400.00"),
                     api.call("DELETE", "/limits/send_money", alice)):
        assert refused(response, 403, "LIMIT_SET_BY_ADMIN")
    assert limits_of(api, alice)["send_money"]["daily_limit"] == "500.00"


def test_an_admin_lifts_an_override_and_the_tier_defaults_apply_again(api, db):
    admin, alice = api.user("admin"), api.wallet()
    override(api, admin, alice.wallet_id, "withdraw", per_transaction_limit="10.00")
    path = f"/admin/limits/{alice.wallet_id}/withdraw"
    assert refused(api.call("DELETE", path, admin), 422, "VALIDATION_ERROR")  # no reason
    response = api.call("DELETE", path, admin, query_string={"reason": "Review closed"})
    assert response.status_code == 200
    assert response.json["data"]["source"] == "default"
    assert refused(api.call("DELETE", path, admin, query_string={"reason": "again"}), 404,
                   "LIMIT_NOT_FOUND")
    after = db.execute("SELECT before_state->>'per_transaction_limit', after_state FROM audit_logs"
                       " WHERE action = 'OVERRIDE_LIMIT' AND target_id = %s ORDER BY id DESC LIMIT 1",
                       (alice.wallet_id,)).fetchone()
    assert after == ("10.00", None)
    set_limit(api, alice, "topup", daily_limit="1000.00", per_transaction_limit="10.00")
    own = api.call("DELETE", f"/admin/limits/{alice.wallet_id}/topup", admin,
                   query_string={"reason": "not theirs to lift"})
    assert refused(own, 404, "LIMIT_NOT_FOUND")


def test_the_admin_override_is_validated(api):
    admin, alice = api.user("admin"), api.wallet()
    assert refused(override(api, admin, "VPY-ZZZZZZ", "topup", daily_limit="1.00",
                            per_transaction_limit="1.00"), 404, "WALLET_NOT_FOUND")
    assert refused(override(api, admin, alice.wallet_id, "topup", daily_limit="10.00",
                            per_transaction_limit="20.00"), 422, "VALIDATION_ERROR")
    alone = override(api, admin, alice.wallet_id, "topup", daily_limit="10.00")
    assert alone.status_code == 200, alone.json  # the per-transaction default is clamped to it
    assert limits_of(api, alice)["topup"]["per_transaction_limit"] == "10.00"
    missing_reason = api.post(f"/admin/limits/{alice.wallet_id}", admin,
                              json={"action": "topup", "per_transaction_limit": "1.00"})
    assert refused(missing_reason, 422, "VALIDATION_ERROR") and "reason" in missing_reason.json["details"]
    assert refused(override(api, admin, alice.wallet_id, "topup", reason="  ",
                            per_transaction_limit="1.00"), 422, "VALIDATION_ERROR")


def test_the_override_list_pages_and_filters_for_admins_only(api):
    admin, alice, bob = api.user("admin"), api.wallet(), api.wallet()
    set_limit(api, alice, "topup", daily_limit="1000.00", per_transaction_limit="10.00")
    override(api, admin, alice.wallet_id, "withdraw", per_transaction_limit="10.00")
    override(api, admin, bob.wallet_id, "withdraw", per_transaction_limit="20.00")

    listing = api.get("/admin/limits", admin, query_string={"wallet_id": alice.wallet_id}).json["data"]
    assert listing["total"] == 2
    assert [(i["action"], i["source"]) for i in listing["items"]] == [("withdraw", "admin"),
                                                                     ("topup", "custom")]
    admins_only = api.get("/admin/limits", admin, query_string={
        "wallet_id": bob.wallet_id, "source": "admin"}).json["data"]
    assert [i["per_transaction_limit"] for i in admins_only["items"]] == ["20.00"]
    page = api.get("/admin/limits", admin, query_string={"per_page": 1}).json["data"]
    assert page["per_page"] == 1 and len(page["items"]) == 1 and page["total"] >= 3
    assert refused(api.get("/admin/limits", admin, query_string={"source": "default"}), 422,
                   "VALIDATION_ERROR")
    for caller in (api.user("moderator"), alice):
        assert refused(api.get("/admin/limits", caller), 403, "INSUFFICIENT_PERMISSIONS")
        assert refused(override(api, caller, bob.wallet_id, "topup", per_transaction_limit="1.00"),
                       403, "INSUFFICIENT_PERMISSIONS")
