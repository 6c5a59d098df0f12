"""How PINs are stored (API.md section 4): a keyed hash a stolen database cannot answer,
old hashes upgraded at the next correct PIN, and no hashing before the cheap checks."""
from __future__ import annotations

import base64
import os

import bcrypt
import pytest

from domain.pin import check_pin, hash_pin
from settings import DEV_PIN_PEPPER_KEYS
from tests.support.api import PIN, Api

WRONG = "9173"
DEV_PEPPER = base64.b64decode(DEV_PIN_PEPPER_KEYS.split(":", 1)[1])
QUIET = {"X-Request-ID": "pin-hashing-test"}  # a random request id could contain a PIN's digits


def verify(api, caller, pin):
    return api.post("/pin/verify", caller, json={"pin": pin}, headers=QUIET)


def stored(db, wallet_id):
    return db.execute("SELECT pin_hash, pin_key_id FROM wallet_pins WHERE wallet_id = %s",
                      (wallet_id,)).fetchone()


def store(db, wallet_id, pin_hash, key_id):
    db.execute("UPDATE wallet_pins SET pin_hash = %s, pin_key_id = %s WHERE wallet_id = %s",
               (pin_hash, key_id, wallet_id))


def all_pins():
    return (f"{n:04d}" for n in range(10_000))


# --- the keyed hash ---------------------------------------------------------------------
def test_the_stored_row_alone_answers_no_pin_guess(api, db):
    alice = api.wallet()
    pin_hash, key_id = stored(db, alice.wallet_id)
    assert key_id == "dev1" and PIN not in pin_hash
    # What a thief with the database but not the pepper can try: every PIN, as bcrypt
    # takes it. Under the plain scheme this finds the PIN; under the keyed one nothing.
    matches = [pin for pin in all_pins() if bcrypt.checkpw(pin.encode(), pin_hash.encode())]
    assert matches == []
    assert verify(api, alice, PIN).status_code == 200


def test_a_hash_is_bound_to_its_wallet(api, db):
    alice, bob = api.wallet(), api.wallet()
    # Same PIN, same pepper, yet alice's hash copied onto bob's row checks nothing.
    store(db, bob.wallet_id, *stored(db, alice.wallet_id))
    assert verify(api, bob, PIN).json["error_code"] == "INVALID_PIN"
    assert verify(api, alice, PIN).status_code == 200


# --- older hashes -------------------------------------------------------------------------
@pytest.mark.parametrize("rounds", [4, 6])
def test_a_plain_bcrypt_hash_still_verifies_and_is_rewritten_by_the_next_correct_pin(api, db, rounds):
    alice = api.wallet()
    store(db, alice.wallet_id, bcrypt.hashpw(PIN.encode(), bcrypt.gensalt(rounds)).decode(), None)

    wrong = verify(api, alice, WRONG)
    assert wrong.status_code == 401 and wrong.json["details"] == {"attempts_remaining": 2}
    assert stored(db, alice.wallet_id)[1] is None  # only a correct PIN rewrites it

    assert verify(api, alice, PIN).status_code == 200
    pin_hash, key_id = stored(db, alice.wallet_id)
    assert key_id == "dev1" and pin_hash.startswith("$2b$04$")
    assert not bcrypt.checkpw(PIN.encode(), pin_hash.encode())
    assert verify(api, alice, PIN).status_code == 200
    assert verify(api, alice, WRONG).json["details"] == {"attempts_remaining": 2}


def test_a_hash_at_another_cost_is_rewritten_at_the_configured_one(api, db):
    alice = api.wallet()
    store(db, alice.wallet_id, hash_pin(PIN, alice.wallet_id, DEV_PEPPER, 6), "dev1")
    assert verify(api, alice, PIN).status_code == 200
    assert stored(db, alice.wallet_id)[0].startswith("$2b$04$")


@pytest.fixture(scope="module")
def rotated_app(database_url):
    """The service after a pepper rotation: `new` is current, `dev1` retired but kept."""
    from web.app import create_app

    new = base64.b64encode(os.urandom(32)).decode()
    return create_app({"pin_pepper_keys": f"{DEV_PIN_PEPPER_KEYS},new:{new}",
                       "pin_pepper_current_key_id": "new"})


def test_a_hash_under_a_retired_pepper_verifies_and_moves_to_the_current_one(api, db, rotated_app):
    alice = api.wallet()  # hashed under dev1, the current pepper until the rotation
    rotated = Api(rotated_app.test_client(), db)
    assert verify(rotated, alice, WRONG).json["details"] == {"attempts_remaining": 2}
    assert stored(db, alice.wallet_id)[1] == "dev1"

    assert verify(rotated, alice, PIN).status_code == 200
    pin_hash, key_id = stored(db, alice.wallet_id)
    assert key_id == "new" and not check_pin(PIN, alice.wallet_id, pin_hash, DEV_PEPPER)
    assert verify(rotated, alice, PIN).status_code == 200


def test_new_pins_after_a_rotation_use_the_current_pepper(api, db, rotated_app):
    rotated = Api(rotated_app.test_client(), db)
    bob = rotated.wallet()
    assert stored(db, bob.wallet_id)[1] == "new"
    assert verify(rotated, bob, PIN).status_code == 200


# --- cheap checks before any hashing ------------------------------------------------------
@pytest.fixture()
def hashes(monkeypatch):
    """How many bcrypt hashes the requests make (users are created before it starts)."""
    made = []
    real = bcrypt.hashpw

    def counted(password, salt):
        made.append(1)
        return real(password, salt)

    monkeypatch.setattr(bcrypt, "hashpw", counted)
    return made


def test_setting_a_pin_twice_hashes_nothing(api, hashes):
    alice = api.wallet()
    hashes.clear()
    response = api.post("/pin/set", alice, json={"pin": "5937", "confirm_pin": "5937"})
    assert response.json["error_code"] == "PIN_ALREADY_SET"
    assert hashes == []


def test_a_pin_set_without_a_wallet_hashes_nothing(api, hashes):
    caller = api.user()
    hashes.clear()
    response = api.post("/pin/set", caller, json={"pin": "5937", "confirm_pin": "5937"})
    assert response.json["error_code"] == "WALLET_NOT_FOUND"
    assert hashes == []


@pytest.mark.parametrize("locked", [False, True])
def test_a_change_refused_on_the_current_pin_hashes_no_new_pin(api, hashes, locked):
    alice = api.wallet()
    if locked:
        for _ in range(3):
            verify(api, alice, WRONG)
    hashes.clear()
    response = api.post("/pin/change", alice, headers=QUIET, json={
        "current_pin": WRONG, "new_pin": "5937", "confirm_new_pin": "5937"})
    assert response.json["error_code"] == ("PIN_LOCKED" if locked else "INVALID_PIN")
    assert hashes == []


@pytest.mark.parametrize("setup", ["unknown code", "no pin"])
def test_a_reset_refused_before_the_code_applies_hashes_nothing(api, hashes, setup):
    caller = api.wallet(pin=None if setup == "no pin" else PIN)
    hashes.clear()
    response = api.post("/pin/reset", caller, headers=QUIET, json={
        "token": "A" * 43, "new_pin": "5937", "confirm_new_pin": "5937"})
    assert response.json["error_code"] == ("PIN_NOT_SET" if setup == "no pin" else "INVALID_TOKEN")
    assert hashes == []
