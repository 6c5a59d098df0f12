"""The transaction PIN through the API: set, verify, change, and the lockout."""
from __future__ import annotations

import threading

import psycopg
import pytest

from tests.support.api import PIN, Api
from tests.support.waiting import wait_for_lock_waiters

WRONG = "9173"
QUIET = {"X-Request-ID": "pin-test"}  # a random request id could contain the PIN's digits


def error_code(response) -> str:
    return response.json["error_code"]


def verify(api, caller, pin):
    return api.post("/pin/verify", caller, json={"pin": pin}, headers=QUIET)


def change(api, caller, current, new, confirm=None):
    return api.post("/pin/change", caller, headers=QUIET, json={
        "current_pin": current, "new_pin": new, "confirm_new_pin": confirm or new})


def pin_row(db, wallet_id):
    return db.execute("SELECT pin_hash, failed_attempts FROM wallet_pins WHERE wallet_id = %s",
                      (wallet_id,)).fetchone()


def wallet_state(db, wallet_id):
    return db.execute("SELECT status, freeze_reason, frozen_at IS NOT NULL FROM wallets"
                      " WHERE id = %s", (wallet_id,)).fetchone()


# --- set ------------------------------------------------------------------------------
def test_a_pin_is_set_once_and_stored_only_as_a_bcrypt_hash(api, db):
    alice = api.wallet(pin=None)
    response = api.post("/pin/set", alice, json={"pin": PIN, "confirm_pin": PIN}, headers=QUIET)
    assert response.status_code == 201
    assert response.json["data"] == {"pin_set": True}
    assert PIN not in response.get_data(as_text=True)
    pin_hash, failed = pin_row(db, alice.wallet_id)
    assert pin_hash.startswith("$2b$04$") and PIN not in pin_hash and failed == 0
    assert api.get("/wallets/me", alice).json["data"]["pin_set"] is True


def test_setting_a_pin_again_is_a_conflict(api):
    alice = api.wallet()
    response = api.post("/pin/set", alice, json={"pin": "5937", "confirm_pin": "5937"})
    assert response.status_code == 409 and error_code(response) == "PIN_ALREADY_SET"
    assert verify(api, alice, PIN).status_code == 200


@pytest.mark.parametrize("pin", ["123", "12345", "12a4", "", "\u0661\u0662\u0663\u0664",
                                 "4826\n", " 482", 4826, None])
def test_a_pin_must_be_exactly_four_ascii_digits(api, pin):
    alice = api.wallet(pin=None)
    response = api.post("/pin/set", alice, json={"pin": pin, "confirm_pin": pin})
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    assert "pin" in response.json["details"]


def test_a_mismatched_confirmation_is_reported_on_confirm_pin(api):
    alice = api.wallet(pin=None)
    response = api.post("/pin/set", alice, json={"pin": PIN, "confirm_pin": "4827"})
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    assert list(response.json["details"]) == ["confirm_pin"]
    assert api.get("/wallets/me", alice).json["data"]["pin_set"] is False


@pytest.mark.parametrize("pin", ["0000", "1111", "1234", "4321", "6789"])
def test_trivially_weak_pins_are_refused(api, pin):
    alice = api.wallet(pin=None)
    response = api.post("/pin/set", alice, json={"pin": pin, "confirm_pin": pin})
    assert response.status_code == 422 and error_code(response) == "PIN_TOO_WEAK"


@pytest.mark.parametrize("path, body", [
    ("/pin/set", {"pin": PIN, "confirm_pin": PIN}),
    ("/pin/verify", {"pin": PIN}),
    ("/pin/change", {"current_pin": PIN, "new_pin": "5937", "confirm_new_pin": "5937"}),
])
def test_pin_calls_by_a_user_without_a_wallet_are_not_found(api, path, body):
    response = api.post(path, api.user(), json=body)
    assert response.status_code == 404 and error_code(response) == "WALLET_NOT_FOUND"


# --- verify ---------------------------------------------------------------------------
def test_the_right_pin_verifies(api):
    response = verify(api, api.wallet(), PIN)
    assert response.status_code == 200 and response.json["data"] == {"valid": True}
    assert PIN not in response.get_data(as_text=True)


def test_verifying_before_setting_a_pin_is_a_bad_request(api):
    response = verify(api, api.wallet(pin=None), PIN)
    assert response.status_code == 400 and error_code(response) == "PIN_NOT_SET"


def test_a_wrong_pin_says_how_many_attempts_remain(api, db):
    alice = api.wallet()
    response = verify(api, alice, WRONG)
    assert response.status_code == 401 and error_code(response) == "INVALID_PIN"
    assert response.json["details"] == {"attempts_remaining": 2}
    assert WRONG not in response.get_data(as_text=True)
    assert pin_row(db, alice.wallet_id)[1] == 1


def test_three_wrong_pins_lock_the_wallet_out(api, db):
    alice = api.wallet()
    assert verify(api, alice, WRONG).json["details"]["attempts_remaining"] == 2
    assert verify(api, alice, WRONG).json["details"]["attempts_remaining"] == 1
    third = verify(api, alice, WRONG)
    assert third.status_code == 423 and error_code(third) == "PIN_LOCKED"
    assert wallet_state(db, alice.wallet_id) == ("frozen", "pin_lockout", True)

    right = verify(api, alice, PIN)
    assert right.status_code == 423 and error_code(right) == "PIN_LOCKED"
    unfreeze = api.post("/wallets/unfreeze", alice)
    assert unfreeze.status_code == 423 and error_code(unfreeze) == "PIN_LOCKED"
    assert api.get("/wallets/me", alice).json["data"]["freeze_reason"] == "pin_lockout"


def test_a_right_pin_resets_the_count_of_wrong_ones(api, db):
    alice = api.wallet()
    verify(api, alice, WRONG)
    verify(api, alice, WRONG)
    assert verify(api, alice, PIN).status_code == 200
    assert pin_row(db, alice.wallet_id)[1] == 0
    assert verify(api, alice, WRONG).json["details"]["attempts_remaining"] == 2


@pytest.mark.parametrize("reason", ["admin", "self"])
def test_a_wallet_frozen_otherwise_still_verifies_its_pin(api, db, reason):
    alice = api.wallet()
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = %s, frozen_at = now()"
               " WHERE id = %s", (reason, alice.wallet_id))
    assert verify(api, alice, PIN).status_code == 200
    assert verify(api, alice, WRONG).json["details"]["attempts_remaining"] == 2


def test_a_lockout_does_not_replace_an_admin_freeze_but_still_refuses_pins(api, db):
    alice = api.wallet()
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = 'admin', frozen_at = now()"
               " WHERE id = %s", (alice.wallet_id,))
    for _ in range(2):
        verify(api, alice, WRONG)
    assert error_code(verify(api, alice, WRONG)) == "PIN_LOCKED"
    assert wallet_state(db, alice.wallet_id)[:2] == ("frozen", "admin")
    assert error_code(verify(api, alice, PIN)) == "PIN_LOCKED"

    db.execute("UPDATE wallets SET status = 'active', freeze_reason = NULL, frozen_at = NULL"
               " WHERE id = %s", (alice.wallet_id,))
    # The count survived the admin freeze: one more wrong PIN locks out at once.
    assert error_code(verify(api, alice, WRONG)) == "PIN_LOCKED"
    assert wallet_state(db, alice.wallet_id)[:2] == ("frozen", "pin_lockout")


def test_fifty_parallel_wrong_pins_are_counted_one_by_one(app, api, db, monkeypatch):
    import services.pin_counter as verification

    alice = api.wallet()
    checks, codes, guard = [], [], threading.Lock()
    real_check = verification.check_pin

    def counted_check(pin, *stored):
        with guard:
            checks.append(pin)
        return real_check(pin, *stored)

    monkeypatch.setattr(verification, "check_pin", counted_check)

    def guess():
        response = verify(Api(app.test_client(), db), alice, WRONG)
        with guard:
            codes.append(response.json["error_code"])

    threads = [threading.Thread(target=guess) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checks) == 3
    assert sorted(codes) == ["INVALID_PIN"] * 2 + ["PIN_LOCKED"] * 48
    assert wallet_state(db, alice.wallet_id) == ("frozen", "pin_lockout", True)


def test_a_right_pin_that_waited_for_a_lockout_is_refused(app, api, db, database_url):
    """A right PIN checked while another transaction holds the PIN row (the wrong PIN
    that locks the wallet out) waits for it, then sees the wallet as it left it. The
    wallet's state must be read in a statement after the lock's: one statement that
    joined it in would read it as before the wait (PostgreSQL brings only rows that
    it found changed up to date, and a KEY SHARE lock does not count the freeze)."""
    alice = api.wallet()
    answers = []
    with psycopg.connect(database_url.replace("+psycopg", "")) as lockout:
        lockout.execute("SELECT 1 FROM wallet_pins WHERE wallet_id = %s FOR UPDATE",
                        (alice.wallet_id,))
        lockout.execute("UPDATE wallets SET status = 'frozen', freeze_reason = 'pin_lockout',"
                        " frozen_at = now() WHERE id = %s", (alice.wallet_id,))
        checking = threading.Thread(
            target=lambda: answers.append(verify(Api(app.test_client(), db), alice, PIN)))
        checking.start()
        wait_for_lock_waiters(db, 1)
        lockout.commit()
    checking.join()
    assert answers[0].status_code == 423 and error_code(answers[0]) == "PIN_LOCKED"


# --- change ---------------------------------------------------------------------------
def test_changing_the_pin_replaces_it(api):
    alice = api.wallet()
    response = change(api, alice, PIN, "5937")
    assert response.status_code == 200 and response.json["data"] == {"pin_set": True}
    assert PIN not in response.get_data(as_text=True) and "5937" not in response.get_data(as_text=True)
    assert error_code(verify(api, alice, PIN)) == "INVALID_PIN"
    assert verify(api, alice, "5937").status_code == 200


def test_changing_before_setting_a_pin_is_a_bad_request(api):
    response = change(api, api.wallet(pin=None), PIN, "5937")
    assert response.status_code == 400 and error_code(response) == "PIN_NOT_SET"


def test_a_wrong_current_pin_counts_towards_the_lockout(api, db):
    alice = api.wallet()
    first = change(api, alice, WRONG, "5937")
    assert first.status_code == 401 and error_code(first) == "INVALID_PIN"
    assert first.json["details"] == {"attempts_remaining": 2}
    assert verify(api, alice, WRONG).json["details"]["attempts_remaining"] == 1
    third = change(api, alice, WRONG, "5937")
    assert third.status_code == 423 and error_code(third) == "PIN_LOCKED"
    assert wallet_state(db, alice.wallet_id)[:2] == ("frozen", "pin_lockout")
    assert error_code(change(api, alice, PIN, "5937")) == "PIN_LOCKED"
    assert verify(api, alice, PIN).status_code == 423


def test_a_right_current_pin_resets_the_count(api, db):
    alice = api.wallet()
    verify(api, alice, WRONG)
    assert change(api, alice, PIN, "5937").status_code == 200
    assert pin_row(db, alice.wallet_id)[1] == 0


@pytest.mark.parametrize("body, field", [
    ({"current_pin": PIN, "new_pin": "5937", "confirm_new_pin": "5938"}, "confirm_new_pin"),
    ({"current_pin": PIN, "new_pin": PIN, "confirm_new_pin": PIN}, "new_pin"),
    ({"current_pin": PIN, "new_pin": "59", "confirm_new_pin": "59"}, "new_pin"),
    ({"current_pin": "48", "new_pin": "5937", "confirm_new_pin": "5937"}, "current_pin"),
    ({"current_pin": PIN, "new_pin": "5937"}, "confirm_new_pin"),
])
def test_an_invalid_change_is_refused_without_counting_an_attempt(api, db, body, field):
    alice = api.wallet()
    response = api.post("/pin/change", alice, json=body)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    assert field in response.json["details"]
    assert pin_row(db, alice.wallet_id)[1] == 0


def test_a_weak_new_pin_is_refused(api, db):
    alice = api.wallet()
    response = change(api, alice, PIN, "1111")
    assert response.status_code == 422 and error_code(response) == "PIN_TOO_WEAK"
    assert verify(api, alice, PIN).status_code == 200


# --- three wrong PINs lock whatever the wallet's state ----------------------------------
def test_a_self_freeze_between_wrong_pins_gives_no_fourth_guess(api, db):
    alice = api.wallet()
    verify(api, alice, WRONG)
    verify(api, alice, WRONG)
    assert api.post("/wallets/freeze", alice).status_code == 200
    assert error_code(verify(api, alice, WRONG)) == "PIN_LOCKED"

    unfreeze = api.post("/wallets/unfreeze", alice)
    assert unfreeze.status_code == 423 and error_code(unfreeze) == "PIN_LOCKED"
    assert wallet_state(db, alice.wallet_id)[:2] == ("frozen", "self")
    fourth = verify(api, alice, PIN)
    assert fourth.status_code == 423 and error_code(fourth) == "PIN_LOCKED"
    assert pin_row(db, alice.wallet_id)[1] == 3


def test_the_owner_unfreezes_once_the_wrong_pins_are_a_day_old(api, db):
    alice = api.wallet()
    api.post("/wallets/freeze", alice)
    for _ in range(3):
        verify(api, alice, WRONG)
    age_failures(db, alice.wallet_id, hours=25)
    assert api.post("/wallets/unfreeze", alice).status_code == 200
    assert verify(api, alice, WRONG).json["details"] == {"attempts_remaining": 2}


def test_a_self_freeze_with_fewer_wrong_pins_is_lifted_as_before(api, db):
    alice = api.wallet()
    verify(api, alice, WRONG)
    api.post("/wallets/freeze", alice)
    verify(api, alice, WRONG)
    assert api.post("/wallets/unfreeze", alice).status_code == 200
    assert verify(api, alice, WRONG).status_code == 423


# --- wrong PINs older than 24 h stop counting ---------------------------------------------
def age_failures(db, wallet_id, hours, newest=None):
    """Date the stored wrong PINs `hours` back (only the oldest ones, all but `newest`)."""
    db.execute("UPDATE wallet_pins SET failed_at = ARRAY(SELECT CASE WHEN i <= cardinality(failed_at)"
               " - %s THEN failed_at[i] - make_interval(secs => %s) ELSE failed_at[i] END"
               " FROM generate_subscripts(failed_at, 1) AS i ORDER BY i) WHERE wallet_id = %s",
               (newest or 0, hours * 3600, wallet_id))


def test_wrong_pins_older_than_a_day_no_longer_count(api, db):
    alice = api.wallet()
    verify(api, alice, WRONG)
    verify(api, alice, WRONG)
    age_failures(db, alice.wallet_id, hours=24.5)
    response = verify(api, alice, WRONG)
    assert response.status_code == 401 and response.json["details"] == {"attempts_remaining": 2}
    assert wallet_state(db, alice.wallet_id)[0] == "active"


def test_each_wrong_pin_stops_counting_a_day_after_it_happened(api, db):
    alice = api.wallet()
    verify(api, alice, WRONG)
    verify(api, alice, WRONG)
    age_failures(db, alice.wallet_id, hours=25, newest=1)
    assert verify(api, alice, WRONG).json["details"] == {"attempts_remaining": 1}
    assert error_code(verify(api, alice, WRONG)) == "PIN_LOCKED"


def test_wrong_pins_younger_than_a_day_still_count(api, db):
    alice = api.wallet()
    verify(api, alice, WRONG)
    verify(api, alice, WRONG)
    age_failures(db, alice.wallet_id, hours=23)
    assert error_code(verify(api, alice, WRONG)) == "PIN_LOCKED"
    assert wallet_state(db, alice.wallet_id)[:2] == ("frozen", "pin_lockout")


# --- the owner's PIN events in the audit trail -------------------------------------------
def audit_rows(db, action, wallet_id):
    return db.execute("SELECT actor_id::text, actor_role, before_state, after_state, reason"
                      " FROM audit_logs WHERE action = %s AND target_id = %s ORDER BY id",
                      (action, wallet_id)).fetchall()


def test_each_wrong_pin_is_audited_without_the_pin(api, db):
    alice, bob = api.wallet(), api.wallet()
    verify(api, alice, WRONG)
    # A send counts too (the PIN is checked before the balance).
    api.money("send", alice, {"recipient_wallet_id": bob.wallet_id, "amount": "1.00",
                              "pin": WRONG}, key=None)
    rows = audit_rows(db, "PIN_FAILED", alice.wallet_id)
    assert [(actor, role, after) for actor, role, _, after, _ in rows] == [
        (alice.user_id, "user", {"failed_attempts": 1}),
        (alice.user_id, "user", {"failed_attempts": 2})]
    assert WRONG not in str(rows) and PIN not in str(rows)
    verify(api, alice, PIN)
    assert len(audit_rows(db, "PIN_FAILED", alice.wallet_id)) == 2


def test_a_pin_change_is_audited_without_either_pin(api, db):
    alice = api.wallet()
    assert change(api, alice, PIN, "5937").status_code == 200
    [row] = audit_rows(db, "PIN_CHANGE", alice.wallet_id)
    assert row[:2] == (alice.user_id, "user")
    assert PIN not in str(row) and "5937" not in str(row)
    assert audit_rows(db, "PIN_FAILED", alice.wallet_id) == []
