"""PIN recovery through the API (section 4): request a code by email, follow it to set
a new PIN, and what the reset unlocks. The email job runs on the real worker and
mails the in-process SMTP server."""
from __future__ import annotations

import os
import threading
import time

import pytest

from db import redis as vp_redis
from domain.one_time_tokens import digest
from tests.support.api import PIN, Api
from workers import outbox

pytestmark = pytest.mark.usefixtures("worker")

NEW_PIN = "5937"
QUIET = {"X-Request-ID": "pin-reset-test"}  # a random request id could contain a PIN's digits


@pytest.fixture()
def redis():
    return vp_redis.client(os.environ["REDIS_URL"])


@pytest.fixture()
def published(monkeypatch):
    """The jobs this process publishes (they still go to the worker)."""
    jobs = []
    real_publish = outbox.publish

    def spy(task_name, args, headers=None):
        jobs.append((task_name, args))
        real_publish(task_name, args, headers)

    monkeypatch.setattr(outbox, "publish", spy)
    return jobs


def request_reset(api, caller):
    return api.post("/pin/reset/request", caller)


def reset(api, caller, token, new=NEW_PIN, confirm=None):
    return api.post("/pin/reset", caller, headers=QUIET, json={
        "token": token, "new_pin": new, "confirm_new_pin": confirm or new})


def emailed_token(api, mailbox, caller, count: int = 1) -> str:
    assert request_reset(api, caller).status_code == 202
    return mailbox.wait_for(caller.email, "Reset your VaultPay PIN", count=count).token


def verify(api, caller, pin):
    return api.post("/pin/verify", caller, json={"pin": pin}, headers=QUIET)


def lock_out(api, caller):
    for _ in range(3):
        verify(api, caller, "9173")
    assert verify(api, caller, PIN).json["error_code"] == "PIN_LOCKED"


def wallet_state(db, wallet_id):
    return db.execute("SELECT w.status, w.freeze_reason, p.failed_attempts FROM wallets w"
                      " JOIN wallet_pins p ON p.wallet_id = w.id WHERE w.id = %s",
                      (wallet_id,)).fetchone()


def audit_rows(db, action, wallet_id):
    return db.execute("SELECT actor_id::text, actor_role, before_state, after_state FROM audit_logs"
                      " WHERE action = %s AND target_id = %s ORDER BY id",
                      (action, wallet_id)).fetchall()


# --- request --------------------------------------------------------------------------
def test_a_reset_request_emails_a_code_that_sets_a_new_pin(api, db, mailbox):
    alice = api.wallet()
    response = request_reset(api, alice)
    assert response.status_code == 202 and response.json["success"] is True
    mail = mailbox.wait_for(alice.email, "Reset your VaultPay PIN")
    assert "15 minutes" in mail.body

    done = reset(api, alice, mail.token)
    assert done.status_code == 200, done.json
    assert done.json["data"] == {"pin_set": True, "unlocked": False}
    assert NEW_PIN not in done.get_data(as_text=True)
    assert verify(api, alice, NEW_PIN).status_code == 200
    assert verify(api, alice, PIN).json["error_code"] == "INVALID_PIN"
    [(actor_id, role, before, after)] = audit_rows(db, "PIN_RESET", alice.wallet_id)
    assert (actor_id, role) == (alice.user_id, "user")
    assert before == after == {"status": "active", "freeze_reason": None, "failed_attempts": 0}


@pytest.mark.parametrize("setup", ["no wallet", "no pin"])
def test_a_request_without_a_pin_is_accepted_and_mails_nothing(api, published, setup):
    caller = api.user() if setup == "no wallet" else api.wallet(pin=None)
    response = request_reset(api, caller)
    assert response.status_code == 202
    assert published == []


def test_requests_within_a_minute_send_one_email(api, published):
    alice = api.wallet()
    for _ in range(3):
        assert request_reset(api, alice).status_code == 202
    assert [task for task, _ in published] == ["workers.send_email"]
    assert published[0][1] == ["pin_reset", alice.user_id, None]


def test_a_reset_request_needs_a_sign_in(api):
    response = api.post("/pin/reset/request")
    assert response.status_code == 401 and response.json["error_code"] == "TOKEN_MISSING"


# --- reset ------------------------------------------------------------------------------
def test_a_reset_lifts_a_pin_lockout_and_says_so(api, db, mailbox):
    alice = api.wallet()
    lock_out(api, alice)
    done = reset(api, alice, emailed_token(api, mailbox, alice))
    assert done.status_code == 200 and done.json["data"]["unlocked"] is True
    assert wallet_state(db, alice.wallet_id) == ("active", None, 0)
    assert verify(api, alice, NEW_PIN).status_code == 200
    [(_, _, before, after)] = audit_rows(db, "PIN_RESET", alice.wallet_id)
    assert before == {"status": "frozen", "freeze_reason": "pin_lockout", "failed_attempts": 3}
    assert after == {"status": "active", "freeze_reason": None, "failed_attempts": 0}
    [(title, metadata)] = db.execute(
        "SELECT title, metadata FROM notifications WHERE user_id = %s AND type = 'wallet_unfrozen'",
        (alice.user_id,)).fetchall()
    assert title == "Your wallet is active again" and metadata == {"wallet_id": alice.wallet_id}


@pytest.mark.parametrize("reason", ["admin", "self"])
def test_a_reset_never_lifts_another_freeze(api, db, mailbox, reason):
    alice = api.wallet()
    token = emailed_token(api, mailbox, alice)
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = %s, frozen_at = now()"
               " WHERE id = %s", (reason, alice.wallet_id))
    done = reset(api, alice, token)
    assert done.status_code == 200 and done.json["data"]["unlocked"] is False
    assert wallet_state(db, alice.wallet_id) == ("frozen", reason, 0)


def test_a_code_works_once(api, mailbox):
    alice = api.wallet()
    token = emailed_token(api, mailbox, alice)
    assert reset(api, alice, token).status_code == 200
    again = reset(api, alice, token, new="6048")
    assert again.status_code == 400 and again.json["error_code"] == "INVALID_TOKEN"
    assert verify(api, alice, NEW_PIN).status_code == 200


def test_two_concurrent_resets_with_one_code_succeed_once(app, api, db, mailbox):
    alice = api.wallet()
    token = emailed_token(api, mailbox, alice)
    pins = ["5937", "6048", "7159", "8260", "9371", "2604"]
    results, guard, start = [], threading.Lock(), threading.Barrier(len(pins))

    def use(pin):
        client = Api(app.test_client(), db)
        start.wait()
        response = reset(client, alice, token, new=pin)
        with guard:
            results.append((response.status_code, pin))

    threads = [threading.Thread(target=use, args=(pin,)) for pin in pins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(code for code, _ in results) == [200] + [400] * (len(pins) - 1)
    [winner] = [pin for code, pin in results if code == 200]
    assert verify(api, alice, winner).status_code == 200
    assert len(audit_rows(db, "PIN_RESET", alice.wallet_id)) == 1


def test_a_code_is_bound_to_the_user_who_asked_for_it(api, mailbox):
    alice, mallory = api.wallet(), api.wallet()
    token = emailed_token(api, mailbox, alice)
    stolen = reset(api, mallory, token)
    assert stolen.status_code == 400 and stolen.json["error_code"] == "INVALID_TOKEN"
    assert verify(api, mallory, PIN).status_code == 200


def test_a_code_tried_by_another_user_still_works_for_its_owner(api, mailbox):
    alice, mallory = api.wallet(), api.wallet()
    token = emailed_token(api, mailbox, alice)
    assert reset(api, mallory, token).json["error_code"] == "INVALID_TOKEN"
    assert reset(api, alice, token).status_code == 200
    assert verify(api, alice, NEW_PIN).status_code == 200
    assert verify(api, mallory, PIN).status_code == 200


def test_a_reset_needs_the_sign_in_as_well_as_the_code(api, mailbox):
    alice = api.wallet()
    token = emailed_token(api, mailbox, alice)
    response = api.post("/pin/reset", json={"token": token, "new_pin": NEW_PIN,
                                             "confirm_new_pin": NEW_PIN})
    assert response.status_code == 401 and response.json["error_code"] == "TOKEN_MISSING"
    assert reset(api, alice, token).status_code == 200


@pytest.mark.parametrize("token", ["nonsense", "A" * 43, "x" * 200])
def test_an_unknown_code_is_an_invalid_token(api, token):
    response = reset(api, api.wallet(), token)
    assert response.status_code == 400 and response.json["error_code"] == "INVALID_TOKEN"


def test_an_expired_code_is_an_invalid_token(api, mailbox, redis):
    alice = api.wallet()
    token = emailed_token(api, mailbox, alice)
    stored = f"vp:pinreset:{digest(token)}"
    assert 840 < redis.ttl(stored) <= 900
    redis.pexpire(stored, 1)
    time.sleep(0.05)
    response = reset(api, alice, token)
    assert response.status_code == 400 and response.json["error_code"] == "INVALID_TOKEN"


def test_a_newer_code_retires_the_older_one(api, mailbox, redis):
    alice = api.wallet()
    first = emailed_token(api, mailbox, alice)
    redis.delete(f"vp:rate:pin_reset_email:{alice.user_id}")  # past the one-a-minute window
    second = emailed_token(api, mailbox, alice, count=2)
    assert reset(api, alice, first).json["error_code"] == "INVALID_TOKEN"
    assert reset(api, alice, second).status_code == 200


@pytest.mark.parametrize("pin, code", [("1111", "PIN_TOO_WEAK"), ("1234", "PIN_TOO_WEAK"),
                                       ("12", "VALIDATION_ERROR"), ("12a4", "VALIDATION_ERROR")])
def test_a_bad_new_pin_is_refused_without_using_up_the_code(api, mailbox, pin, code):
    alice = api.wallet()
    token = emailed_token(api, mailbox, alice)
    response = reset(api, alice, token, new=pin)
    assert response.status_code == 422 and response.json["error_code"] == code
    assert reset(api, alice, token).status_code == 200


@pytest.mark.parametrize("body, field", [
    ({"token": "t", "new_pin": NEW_PIN, "confirm_new_pin": "5938"}, "confirm_new_pin"),
    ({"new_pin": NEW_PIN, "confirm_new_pin": NEW_PIN}, "token"),
    ({"token": "t", "new_pin": NEW_PIN}, "confirm_new_pin"),
    ({"token": "t", "new_pin": NEW_PIN, "confirm_new_pin": NEW_PIN, "pin": PIN}, "pin"),
])
def test_a_malformed_reset_is_a_validation_error(api, body, field):
    response = api.post("/pin/reset", api.wallet(), json=body)
    assert response.status_code == 422 and response.json["error_code"] == "VALIDATION_ERROR"
    assert field in response.json["details"]


def test_a_reset_without_a_wallet_is_not_found(api):
    response = reset(api, api.user(), "A" * 43)
    assert response.status_code == 404 and response.json["error_code"] == "WALLET_NOT_FOUND"


def test_a_reset_without_a_pin_is_pin_not_set(api):
    response = reset(api, api.wallet(pin=None), "A" * 43)
    assert response.status_code == 400 and response.json["error_code"] == "PIN_NOT_SET"
