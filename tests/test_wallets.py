"""Wallets through the API: creation, reading, the status machine and the public view."""
from __future__ import annotations

import re
import threading

import psycopg
import pytest

from domain.wallets import new_wallet_id
from tests.support.api import Api

WALLET_FIELDS = {"wallet_id", "balance", "currency", "status", "freeze_reason", "kyc_verified",
                 "kyc_tier", "pin_set", "created_at", "updated_at"}


def error_code(response) -> str:
    return response.json["error_code"]


def set_freeze(db, wallet_id: str, reason: str) -> None:
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = %s, frozen_at = now()"
               " WHERE id = %s", (reason, wallet_id))


def wallet_row(db, wallet_id: str):
    return db.execute("SELECT status, freeze_reason, frozen_at FROM wallets WHERE id = %s",
                      (wallet_id,)).fetchone()


# --- creating -------------------------------------------------------------------------
def test_a_new_wallet_is_empty_active_and_unverified(api):
    alice = api.user()
    response = api.post("/wallets/create", alice, json={"currency": "INR"})
    assert response.status_code == 201
    assert response.json["success"] is True and response.json["message"] == "Wallet created"
    wallet = response.json["data"]
    assert set(wallet) == WALLET_FIELDS
    assert re.fullmatch(r"VPY-[A-Z0-9]{6}", wallet["wallet_id"])
    assert wallet["balance"] == "0.00" and wallet["currency"] == "INR"
    assert wallet["status"] == "active" and wallet["freeze_reason"] is None
    assert wallet["kyc_verified"] is False and wallet["kyc_tier"] == 0
    assert wallet["pin_set"] is False
    assert wallet["created_at"] and wallet["updated_at"]


def test_the_currency_defaults_to_inr(api):
    response = api.post("/wallets/create", api.user(), json={})
    assert response.status_code == 201 and response.json["data"]["currency"] == "INR"


@pytest.mark.parametrize("currency", ["JPY", "inr", "RUPEES", ""])
def test_a_currency_outside_the_configured_list_is_refused(api, currency):
    response = api.post("/wallets/create", api.user(), json={"currency": currency})
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    assert "currency" in response.json["details"]


def test_unknown_fields_are_refused(api):
    response = api.post("/wallets/create", api.user(), json={"currency": "INR", "balance": "9.00"})
    assert response.status_code == 422 and "balance" in response.json["details"]


def test_a_second_wallet_is_refused(api):
    alice = api.wallet(pin=None)
    response = api.post("/wallets/create", alice, json={"currency": "INR"})
    assert response.status_code == 409 and error_code(response) == "WALLET_ALREADY_EXISTS"


def test_concurrent_creates_give_the_user_exactly_one_wallet(app, api, db):
    alice = api.user()
    codes = []

    def create():
        response = Api(app.test_client(), db).post("/wallets/create", alice, json={})
        codes.append(response.status_code)

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [201] + [409] * 7
    assert db.execute("SELECT count(*) FROM wallets WHERE user_id = %s",
                      (alice.user_id,)).fetchone()[0] == 1


def test_a_wallet_id_already_taken_is_replaced_by_a_fresh_one(api, monkeypatch):
    taken = api.wallet(pin=None).wallet_id
    fresh = new_wallet_id()
    ids = iter([taken, fresh])
    monkeypatch.setattr("db.wallets.new_wallet_id", lambda: next(ids))
    response = api.post("/wallets/create", api.user(), json={})
    assert response.status_code == 201 and response.json["data"]["wallet_id"] == fresh


def test_wallet_calls_need_a_token(api):
    response = api.get("/wallets/me")
    assert response.status_code == 401 and error_code(response) == "TOKEN_MISSING"


# --- reading --------------------------------------------------------------------------
def test_my_wallet_shows_whether_a_pin_is_set(api):
    alice = api.wallet(pin=None)
    assert api.get("/wallets/me", alice).json["data"]["pin_set"] is False
    api.post("/pin/set", alice, json={"pin": "4826", "confirm_pin": "4826"})
    wallet = api.get("/wallets/me", alice).json["data"]
    assert set(wallet) == WALLET_FIELDS
    assert wallet["wallet_id"] == alice.wallet_id and wallet["pin_set"] is True
    assert wallet["kyc_verified"] is True and wallet["kyc_tier"] == 1


def test_the_balance_of_a_new_wallet_is_zero_and_all_available(api):
    response = api.get("/wallets/balance", api.wallet())
    assert response.status_code == 200
    assert response.json["data"] == {"balance": "0.00", "currency": "INR", "available_balance": "0.00"}


@pytest.mark.usefixtures("worker")
def test_a_frozen_wallet_keeps_its_balance_but_has_none_available(api):
    alice = api.wallet(funds="120.50")
    assert api.get("/wallets/balance", alice).json["data"]["available_balance"] == "120.50"
    api.post("/wallets/freeze", alice)
    assert api.get("/wallets/balance", alice).json["data"] == {
        "balance": "120.50", "currency": "INR", "available_balance": "0.00"}


@pytest.mark.parametrize("method, path", [
    ("GET", "/wallets/me"), ("GET", "/wallets/balance"), ("POST", "/wallets/freeze"),
    ("POST", "/wallets/unfreeze"), ("DELETE", "/wallets/me"),
])
def test_wallet_calls_by_a_user_without_a_wallet_are_not_found(api, method, path):
    response = api.call(method, path, api.user())
    assert response.status_code == 404 and error_code(response) == "WALLET_NOT_FOUND"


def test_anyone_sees_the_public_view_with_a_masked_name_and_no_balance(api):
    ravi = api.wallet(api.user(full_name="Ravi Gupta"), pin=None)
    response = api.get(f"/wallets/{ravi.wallet_id}", api.user())
    assert response.status_code == 200
    assert response.json["data"] == {"wallet_id": ravi.wallet_id, "owner_name": "R**i G***a",
                                     "currency": "INR", "status": "active"}


@pytest.mark.parametrize("wallet_id", ["VPY-000000", "not-a-wallet", "vpy-abcdef", "VPY-ABCDEFG"])
def test_unknown_or_malformed_wallet_ids_are_not_found(api, wallet_id):
    response = api.get(f"/wallets/{wallet_id}", api.user())
    assert response.status_code == 404 and error_code(response) == "WALLET_NOT_FOUND"


# --- the status machine ---------------------------------------------------------------
def test_the_owner_freezes_and_unfreezes_their_wallet(api, db):
    alice = api.wallet()
    frozen = api.post("/wallets/freeze", alice)
    assert frozen.status_code == 200 and frozen.json["message"] == "Wallet frozen"
    assert frozen.json["data"]["status"] == "frozen" and frozen.json["data"]["freeze_reason"] == "self"
    assert wallet_row(db, alice.wallet_id)[2] is not None

    again = api.post("/wallets/freeze", alice)
    assert again.status_code == 409 and error_code(again) == "WALLET_ALREADY_FROZEN"

    unfrozen = api.post("/wallets/unfreeze", alice)
    assert unfrozen.status_code == 200
    assert unfrozen.json["data"]["status"] == "active" and unfrozen.json["data"]["freeze_reason"] is None
    assert wallet_row(db, alice.wallet_id) == ("active", None, None)
    feed = api.get("/notifications", alice).json["data"]["items"]
    assert [item["type"] for item in feed] == ["wallet_unfrozen", "wallet_frozen"]


def test_the_owners_freeze_unfreeze_and_close_are_audited(api):
    alice, admin = api.wallet(), api.user("admin")
    assert api.post("/wallets/freeze", alice).status_code == 200
    assert api.post("/wallets/freeze", alice).status_code == 409  # refused: nothing to audit
    assert api.post("/wallets/unfreeze", alice).status_code == 200
    assert api.call("DELETE", "/wallets/me", alice).status_code == 200
    response = api.get("/admin/audit-logs", admin, query_string={"actor_id": alice.user_id})
    assert response.status_code == 200, response.json
    rows = list(reversed(response.json["data"]["items"]))
    assert [(row["action"], row["actor_role"], row["target_type"], row["target_id"])
            for row in rows] == [(action, "user", "wallet", alice.wallet_id)
                                 for action in ("SELF_FREEZE", "SELF_UNFREEZE", "CLOSE_WALLET")]
    assert [(row["before_state"]["status"], row["after_state"]["status"]) for row in rows] == [
        ("active", "frozen"), ("frozen", "active"), ("active", "closed")]


def test_unfreezing_an_active_wallet_is_a_conflict(api):
    response = api.post("/wallets/unfreeze", api.wallet())
    assert response.status_code == 409 and error_code(response) == "WALLET_NOT_FROZEN"


def test_the_owner_cannot_lift_an_admin_freeze(api, db):
    alice = api.wallet()
    set_freeze(db, alice.wallet_id, "admin")
    response = api.post("/wallets/unfreeze", alice)
    assert response.status_code == 403 and error_code(response) == "WALLET_FROZEN_BY_ADMIN"
    assert wallet_row(db, alice.wallet_id)[:2] == ("frozen", "admin")
    refreeze = api.post("/wallets/freeze", alice)
    assert refreeze.status_code == 409 and error_code(refreeze) == "WALLET_ALREADY_FROZEN"
    assert wallet_row(db, alice.wallet_id)[:2] == ("frozen", "admin")


def test_the_owner_cannot_lift_a_pin_lockout(api, db):
    alice = api.wallet()
    set_freeze(db, alice.wallet_id, "pin_lockout")
    response = api.post("/wallets/unfreeze", alice)
    assert response.status_code == 423 and error_code(response) == "PIN_LOCKED"
    assert wallet_row(db, alice.wallet_id)[:2] == ("frozen", "pin_lockout")


def test_an_empty_wallet_closes_for_good_and_stays_readable(api):
    alice = api.wallet()
    closed = api.call("DELETE", "/wallets/me", alice)
    assert closed.status_code == 200 and closed.json["message"] == "Wallet closed"
    assert closed.json["data"]["status"] == "closed"
    assert api.get("/wallets/me", alice).json["data"]["status"] == "closed"
    assert api.get(f"/wallets/{alice.wallet_id}", api.user()).json["data"]["status"] == "closed"
    for method, path in [("DELETE", "/wallets/me"), ("POST", "/wallets/freeze"),
                         ("POST", "/wallets/unfreeze")]:
        response = api.call(method, path, alice)
        assert response.status_code == 409 and error_code(response) == "WALLET_ALREADY_CLOSED"
    reopen = api.post("/wallets/create", alice, json={})
    assert reopen.status_code == 409 and error_code(reopen) == "WALLET_ALREADY_EXISTS"


def test_a_frozen_wallet_can_be_closed(api, db):
    alice = api.wallet()
    api.post("/wallets/freeze", alice)
    response = api.call("DELETE", "/wallets/me", alice)
    assert response.status_code == 200
    assert wallet_row(db, alice.wallet_id) == ("closed", None, None)


@pytest.mark.usefixtures("worker")
def test_a_wallet_with_money_cannot_be_closed(api, db):
    alice = api.wallet(funds="5.00")
    response = api.call("DELETE", "/wallets/me", alice)
    assert response.status_code == 409 and error_code(response) == "WALLET_HAS_BALANCE"
    assert wallet_row(db, alice.wallet_id)[0] == "active"


def test_a_state_change_waits_for_the_wallet_row_lock(app, api, db, database_url):
    """A posting holds the wallet row; a freeze must wait for it, not interleave."""
    alice = api.wallet()
    finished = threading.Event()
    with psycopg.connect(database_url.replace("+psycopg", "")) as posting:
        posting.execute("SELECT 1 FROM wallets WHERE id = %s FOR UPDATE", (alice.wallet_id,))
        thread = threading.Thread(target=lambda: (
            Api(app.test_client(), db).post("/wallets/freeze", alice), finished.set()))
        thread.start()
        assert not finished.wait(0.5)
        posting.commit()
    thread.join(timeout=10)
    assert finished.is_set()
    assert wallet_row(db, alice.wallet_id)[:2] == ("frozen", "self")
