"""PIN lockouts: what the locking attempt records, and the beat job that lifts a
lockout after 24 h (and nothing else). Time is moved by dating `frozen_at` back."""
from __future__ import annotations

import threading

import pytest

import celeryconfig
import settings as settings_module
from tests.support.api import PIN
from tests.support.waiting import eventually
from workers import outbox
from workers.lockouts import unfreeze_expired

pytestmark = pytest.mark.usefixtures("worker")
SETTINGS = settings_module.load()
WRONG = "9173"
QUIET = {"X-Request-ID": "lockout-test"}


def verify(api, caller, pin):
    return api.post("/pin/verify", caller, json={"pin": pin}, headers=QUIET)


def lock_out(api, caller, hours_ago: float | None = None):
    for _ in range(3):
        verify(api, caller, WRONG)
    if hours_ago is not None:
        api.db.execute("UPDATE wallets SET frozen_at = now() - make_interval(secs => %s)"
                       " WHERE id = %s", (hours_ago * 3600, caller.wallet_id))


def freeze(db, caller, reason: str, hours_ago: float) -> None:
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = %s,"
               " frozen_at = now() - make_interval(secs => %s) WHERE id = %s",
               (reason, hours_ago * 3600, caller.wallet_id))


def state(db, caller):
    return db.execute("SELECT w.status, w.freeze_reason, w.frozen_at IS NULL, p.failed_attempts"
                      " FROM wallets w JOIN wallet_pins p ON p.wallet_id = w.id WHERE w.id = %s",
                      (caller.wallet_id,)).fetchone()


def audit_rows(db, action, caller):
    return db.execute("SELECT actor_id::text, actor_role, before_state, after_state, reason"
                      " FROM audit_logs WHERE action = %s AND target_id = %s ORDER BY id",
                      (action, caller.wallet_id)).fetchall()


def notes(db, caller, type_):
    return db.execute("SELECT title, body, metadata FROM notifications WHERE user_id = %s"
                      " AND type = %s", (caller.user_id, type_)).fetchall()


# --- the lockout itself ---------------------------------------------------------------
def test_the_locking_attempt_writes_an_audit_row_and_tells_the_owner(api, db):
    alice = api.wallet()
    lock_out(api, alice)
    [(actor_id, role, before, after, reason)] = audit_rows(db, "PIN_LOCKOUT", alice)
    assert (actor_id, role) == (alice.user_id, "user")
    assert before == {"status": "active", "freeze_reason": None}
    assert after == {"status": "frozen", "freeze_reason": "pin_lockout"}
    assert WRONG not in str(reason)
    [(title, body, metadata)] = notes(db, alice, "wallet_frozen")
    assert title == "Your wallet is locked" and "reset your PIN" in body
    assert metadata == {"wallet_id": alice.wallet_id, "freeze_reason": "pin_lockout"}
    # Attempts refused while locked out record nothing more.
    verify(api, alice, WRONG)
    assert len(audit_rows(db, "PIN_LOCKOUT", alice)) == 1


def test_a_lockout_by_a_send_is_audited_too(api, db):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    for _ in range(3):
        api.money("send", alice, {"recipient_wallet_id": bob.wallet_id, "amount": "1.00",
                                  "pin": WRONG}, key=None)
    [(actor_id, _, _, _, _)] = audit_rows(db, "PIN_LOCKOUT", alice)
    assert actor_id == alice.user_id


def test_no_lockout_row_when_the_wallet_keeps_an_admin_freeze(api, db):
    alice = api.wallet()
    freeze(db, alice, "admin", 0)
    lock_out(api, alice)
    assert audit_rows(db, "PIN_LOCKOUT", alice) == []
    assert state(db, alice)[:2] == ("frozen", "admin")


# --- the 24 h expiry --------------------------------------------------------------------
def test_a_lockout_older_than_24_hours_is_lifted_and_a_younger_one_stays(api, db):
    old, young = api.wallet(), api.wallet()
    lock_out(api, old, hours_ago=25)
    lock_out(api, young, hours_ago=23)
    unfreeze_expired(SETTINGS)
    assert state(db, old) == ("active", None, True, 0)
    assert state(db, young) == ("frozen", "pin_lockout", False, 3)

    [(actor_id, role, before, after, reason)] = audit_rows(db, "AUTO_UNFREEZE", old)
    assert (actor_id, role) == (None, "system")
    assert before["freeze_reason"] == "pin_lockout" and before["failed_attempts"] == 3
    assert after == {"status": "active", "freeze_reason": None, "failed_attempts": 0}
    assert reason == "PIN lockout ended after 24 hours"
    [(title, _, metadata)] = notes(db, old, "wallet_unfrozen")
    assert title == "Your wallet is active again" and metadata == {"wallet_id": old.wallet_id}
    assert audit_rows(db, "AUTO_UNFREEZE", young) == [] and notes(db, young, "wallet_unfrozen") == []

    # The owner has their full three attempts back.
    assert verify(api, old, WRONG).json["details"]["attempts_remaining"] == 2
    assert verify(api, old, PIN).status_code == 200


@pytest.mark.parametrize("reason", ["admin", "self"])
def test_admin_and_self_freezes_are_never_lifted(api, db, reason):
    alice = api.wallet()
    freeze(db, alice, reason, 200)
    unfreeze_expired(SETTINGS)
    assert state(db, alice)[:2] == ("frozen", reason)
    assert audit_rows(db, "AUTO_UNFREEZE", alice) == []


def test_the_beat_task_runs_on_the_worker(api, db):
    alice = api.wallet()
    lock_out(api, alice, hours_ago=25)
    outbox.publish("workers.unfreeze_expired_wallets", [])
    assert eventually(lambda: state(db, alice)[0] == "active", 15), \
        "the worker did not lift the lockout"
    assert len(audit_rows(db, "AUTO_UNFREEZE", alice)) == 1


def test_beat_schedules_it_every_minute():
    entry = celeryconfig.beat_schedule["unfreeze-expired-wallets"]
    assert entry == {"task": "workers.unfreeze_expired_wallets", "schedule": 60}


def test_two_runs_at_once_lift_each_lockout_once(api, db):
    callers = [api.wallet() for _ in range(6)]
    for caller in callers:
        lock_out(api, caller, hours_ago=30)
    start = threading.Barrier(3)

    def run():
        start.wait()
        unfreeze_expired(SETTINGS, batch=2)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for caller in callers:
        assert state(db, caller)[0] == "active"
        assert len(audit_rows(db, "AUTO_UNFREEZE", caller)) == 1
        assert len(notes(db, caller, "wallet_unfrozen")) == 1
