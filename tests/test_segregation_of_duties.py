"""Segregation of duties (API.md section 12): no privileged action on a wallet, limit,
KYC submission, dispute or account the actor is a party to, whatever their role; the
refusal is 403 SELF_ACTION_NOT_ALLOWED and changes nothing."""
from __future__ import annotations

import pytest

from tests.support.api import PIN
from tests.support.kyc import submitted

pytestmark = pytest.mark.usefixtures("worker")

PRIVILEGED = ["moderator", "admin", "super_admin"]
WRONG_PINS = ("9173", "8264", "7355")


def _refused(response) -> bool:
    return response.status_code == 403 and response.json["error_code"] == "SELF_ACTION_NOT_ALLOWED"


def _wallet_state(db, wallet_id: str) -> tuple:
    return db.execute("SELECT status, freeze_reason FROM wallets WHERE id = %s",
                      (wallet_id,)).fetchone()


def _audit_count(db, action: str, target_id: str) -> int:
    return db.execute("SELECT count(*) FROM audit_logs WHERE action = %s AND target_id = %s",
                      (action, target_id)).fetchone()[0]


# --- the reviewer's exploit -----------------------------------------------------------
def test_a_locked_out_moderator_cannot_unfreeze_themselves_and_guess_again(api, db):
    moderator = api.wallet(api.user(role="moderator"), funds="5.00")
    for pin in WRONG_PINS:
        api.post("/pin/verify", moderator, json={"pin": pin})
    assert _wallet_state(db, moderator.wallet_id) == ("frozen", "pin_lockout")

    response = api.post(f"/admin/wallets/{moderator.wallet_id}/unfreeze", moderator, json={})
    assert _refused(response)
    assert _wallet_state(db, moderator.wallet_id) == ("frozen", "pin_lockout")
    guess = api.post("/pin/verify", moderator, json={"pin": PIN})
    assert guess.status_code == 423 and guess.json["error_code"] == "PIN_LOCKED"
    assert _audit_count(db, "UNFREEZE_WALLET", moderator.wallet_id) == 0

    # Another moderator may lift it: the rule is about who acts, not about the route.
    colleague = api.user(role="moderator")
    lifted = api.post(f"/admin/wallets/{moderator.wallet_id}/unfreeze", colleague, json={})
    assert lifted.status_code == 200 and lifted.json["data"]["status"] == "active"


# --- wallets --------------------------------------------------------------------------
@pytest.mark.parametrize("role", PRIVILEGED)
def test_nobody_freezes_or_unfreezes_their_own_wallet_through_the_admin_routes(api, db, role):
    actor = api.wallet(api.user(role=role))
    freeze = api.post(f"/admin/wallets/{actor.wallet_id}/freeze", actor, json={"reason": "test"})
    assert _refused(freeze)
    assert _wallet_state(db, actor.wallet_id) == ("active", None)

    assert api.post("/wallets/freeze", actor).status_code == 200  # the owner's own freeze
    db.execute("UPDATE wallets SET freeze_reason = 'admin' WHERE id = %s", (actor.wallet_id,))
    unfreeze = api.post(f"/admin/wallets/{actor.wallet_id}/unfreeze", actor, json={})
    assert _refused(unfreeze)
    assert _wallet_state(db, actor.wallet_id) == ("frozen", "admin")
    assert _audit_count(db, "FREEZE_WALLET", actor.wallet_id) == 0
    assert _audit_count(db, "UNFREEZE_WALLET", actor.wallet_id) == 0


# --- limits ---------------------------------------------------------------------------
def _stored_limits(db, wallet_id: str) -> list[tuple]:
    return db.execute("SELECT action, source, daily_limit FROM transaction_limits"
                      " WHERE wallet_id = %s", (wallet_id,)).fetchall()


@pytest.mark.parametrize("role", ["admin", "super_admin"])
def test_an_admin_cannot_override_their_own_limits(api, db, role):
    admin = api.wallet(api.user(role=role))
    response = api.post(f"/admin/limits/{admin.wallet_id}", admin, json={
        "action": "send_money", "daily_limit": "99999999.00", "monthly_limit": "99999999.00",
        "reason": "I deserve it"})
    assert _refused(response)
    assert _stored_limits(db, admin.wallet_id) == []


def test_an_admin_cannot_lift_an_override_set_on_their_own_wallet(api, db):
    admin, colleague = api.wallet(api.user(role="admin")), api.user(role="admin")
    set_by_colleague = api.post(f"/admin/limits/{admin.wallet_id}", colleague, json={
        "action": "withdraw", "per_transaction_limit": "10.00", "daily_limit": "10.00",
        "reason": "Under review"})
    assert set_by_colleague.status_code == 200, set_by_colleague.json
    response = api.call("DELETE", f"/admin/limits/{admin.wallet_id}/withdraw?reason=mine", admin)
    assert _refused(response)
    assert _stored_limits(db, admin.wallet_id) == [("withdraw", "admin", 10)]


# --- KYC ------------------------------------------------------------------------------
@pytest.mark.parametrize("role", PRIVILEGED)
def test_nobody_opens_approves_or_rejects_their_own_kyc_submission(api, db, role):
    actor = api.wallet(api.user(role=role), kyc=False)
    own = submitted(api, actor)
    assert _refused(api.get(f"/admin/kyc/{own}", actor))
    assert _refused(api.post(f"/admin/kyc/{own}/approve", actor))
    assert _refused(api.post(f"/admin/kyc/{own}/reject", actor,
                             json={"rejection_reason": "Blurry"}))
    assert db.execute("SELECT status FROM kyc_submissions WHERE id = %s",
                      (own,)).fetchone()[0] == "pending"
    assert db.execute("SELECT kyc_verified FROM wallets WHERE id = %s",
                      (actor.wallet_id,)).fetchone()[0] is False
    assert _audit_count(db, "VIEWED_KYC_DOCUMENT", own) == 0


# --- disputes -------------------------------------------------------------------------
@pytest.mark.parametrize("role", PRIVILEGED)
def test_the_payee_of_a_disputed_send_cannot_resolve_it(api, db, role):
    alice, payee = api.wallet(funds="20.00"), api.wallet(api.user(role=role))
    sent = api.send(alice, payee, "20.00", wait=10)
    assert sent.status_code == 201, sent.json
    [debit] = sent.json["data"]["result"]["transactions"]
    opened = api.post("/disputes", alice, json={"transaction_id": debit["transaction_id"],
                                               "reason": "Never delivered"})
    assert opened.status_code == 201, opened.json
    dispute_id = opened.json["data"]["dispute_id"]

    response = api.post(f"/admin/disputes/{dispute_id}/resolve", payee, json={
        "resolution": "rejected", "resolution_notes": "Delivered, trust me"})
    assert _refused(response)
    assert db.execute("SELECT status FROM disputes WHERE id = %s",
                      (dispute_id,)).fetchone()[0] == "open"
    assert _audit_count(db, "RESOLVE_DISPUTE", dispute_id) == 0
    assert (api.balance(alice), api.balance(payee)) == ("0.00", "20.00")


# --- accounts -------------------------------------------------------------------------
def test_nobody_reactivates_or_changes_the_role_of_their_own_account(api, db):
    boss = api.user(role="super_admin")
    assert _refused(api.post(f"/admin/users/{boss.user_id}/reactivate", boss))
    assert _refused(api.post(f"/admin/users/{boss.user_id}/role", boss, json={"role": "admin"}))
    assert _refused(api.post(f"/admin/users/{boss.user_id}/deactivate", boss,
                             json={"reason": "Leaving"}))
    assert db.execute("SELECT role, is_active FROM users WHERE id = %s",
                      (boss.user_id,)).fetchone() == ("super_admin", True)
    assert db.execute("SELECT count(*) FROM audit_logs WHERE target_id = %s",
                      (boss.user_id,)).fetchone()[0] == 0
