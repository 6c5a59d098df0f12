"""PIN policy with no database: weakness, hashing, and when attempts are refused."""
import base64
import os
from datetime import datetime, timedelta, timezone

import bcrypt
import pytest

import settings as settings_module
from domain import errors
from domain.pin import (
    PinHasher,
    StoredPin,
    attempts_remaining,
    check_pin,
    count_failure,
    ensure_owner_may_unfreeze,
    ensure_strong,
    failure_dates_after,
    failures_that_count,
    hash_pin,
    refuses_attempt,
)
from domain.wallets import ACTIVE, ADMIN, CLOSED, FROZEN, PIN_LOCKOUT, SELF

WALLET, PEPPER = "VPY-PIN123", b"p" * 32


@pytest.mark.parametrize("pin", ["0000", "1111", "9999", "1234", "2345", "6789", "0123",
                                 "4321", "9876", "3210"])
def test_repeated_digits_and_straight_runs_are_too_weak(pin):
    with pytest.raises(errors.PinTooWeak):
        ensure_strong(pin)


@pytest.mark.parametrize("pin", ["4826", "1235", "1122", "0101", "9870", "7890", "1357"])
def test_other_pins_are_accepted(pin):
    ensure_strong(pin)


def test_a_pin_is_stored_as_a_bcrypt_hash_that_checks_only_that_pin():
    pin_hash = hash_pin("4826", WALLET, PEPPER, rounds=4)
    assert pin_hash.startswith("$2b$04$") and "4826" not in pin_hash
    assert check_pin("4826", WALLET, pin_hash, PEPPER)
    assert not check_pin("4827", WALLET, pin_hash, PEPPER)


def test_attempts_remaining_counts_down_to_zero():
    assert [attempts_remaining(failed, 3) for failed in range(5)] == [3, 2, 1, 0, 0]


def test_failures_are_counted_up_to_the_limit():
    assert [count_failure(failed, 3) for failed in range(4)] == [1, 2, 3, 3]


@pytest.mark.parametrize("failed, status, reason, refused", [
    (0, ACTIVE, None, False),
    (2, ACTIVE, None, False),
    (0, FROZEN, PIN_LOCKOUT, True),
    (0, FROZEN, ADMIN, False),
    (2, FROZEN, SELF, False),
    (3, FROZEN, ADMIN, True),
    (3, CLOSED, None, True),
    # The lockout freeze was lifted (expiry or PIN reset) without clearing the counter:
    # the PIN is checked again, and one more failure locks out at once.
    (3, ACTIVE, None, False),
])
def test_when_a_pin_is_not_even_checked(failed, status, reason, refused):
    assert refuses_attempt(failed, 3, status, reason) is refused


# --- the keyed hash ---------------------------------------------------------------------
def test_the_keyed_hash_needs_the_pepper_and_the_wallet():
    pin_hash = hash_pin("4826", WALLET, PEPPER, rounds=4)
    assert not check_pin("4826", WALLET, pin_hash, b"q" * 32)
    assert not check_pin("4826", "VPY-OTHER1", pin_hash, PEPPER)
    assert not check_pin("4826", WALLET, pin_hash, None)  # as plain bcrypt


def test_a_plain_bcrypt_hash_checks_with_no_pepper():
    legacy = bcrypt.hashpw(b"4826", bcrypt.gensalt(4)).decode()
    assert check_pin("4826", WALLET, legacy, None)
    assert not check_pin("4827", WALLET, legacy, None)


def _hasher(current="k2", rounds=4):
    return PinHasher({"k1": b"1" * 32, "k2": b"2" * 32}, current, rounds)


def test_only_a_hash_under_the_current_pepper_and_cost_is_current():
    pins = _hasher()
    fresh = pins.hash("4826", WALLET)
    assert fresh.key_id == "k2" and pins.is_current(fresh)
    assert check_pin("4826", WALLET, fresh.pin_hash, pins.pepper_for(fresh.key_id))
    assert not pins.is_current(_hasher(current="k1").hash("4826", WALLET))
    assert not pins.is_current(_hasher(rounds=5).hash("4826", WALLET))
    assert not pins.is_current(StoredPin(bcrypt.hashpw(b"4826", bcrypt.gensalt(4)).decode(), None))


def test_a_hash_under_a_pepper_no_longer_configured_is_an_error_not_a_wrong_pin():
    with pytest.raises(LookupError, match="'gone'"):
        _hasher().pepper_for("gone")


def test_the_current_pepper_must_be_configured():
    with pytest.raises(ValueError):
        _hasher(current="k9")


# --- which wrong PINs still count -----------------------------------------------------------
NOW = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
DAY = timedelta(hours=24)


def ago(hours):
    return NOW - timedelta(hours=hours)


@pytest.mark.parametrize("failed, dates, counting", [
    (0, [], 0),
    (0, [ago(1), ago(2)], 0),           # zeroed by a reset or an admin: dates are stale
    (2, [ago(2), ago(1)], 2),
    (2, [ago(25), ago(1)], 1),          # each stops counting a day after it happened
    (2, [ago(30), ago(25)], 0),
    (1, [ago(30), ago(1)], 1),          # only the latest `failed` dates belong to the count
    (2, [], 2),                         # undated failures count
    (3, [ago(30), ago(26), ago(23)], 3),  # used up: a day from the one that used them up
    (3, [ago(50), ago(49), ago(25)], 0),
])
def test_which_wrong_pins_still_count(failed, dates, counting):
    assert failures_that_count(failed, dates, NOW, DAY, 3) == counting


def test_the_dates_kept_after_a_wrong_pin_are_the_counting_ones_and_now():
    assert failure_dates_after([ago(30), ago(2)], 1, NOW, 3) == [ago(2), NOW]
    assert failure_dates_after([ago(3), ago(2), ago(1)], 3, NOW, 3) == [ago(2), ago(1), NOW]
    assert failure_dates_after([ago(1)], 0, NOW, 3) == [NOW]


def test_the_owner_may_not_unfreeze_with_the_attempts_used_up():
    ensure_owner_may_unfreeze(2, 3)
    with pytest.raises(errors.PinLocked):
        ensure_owner_may_unfreeze(3, 3)


# --- configuration ------------------------------------------------------------------------
def _settings(env="production", **overrides):
    return settings_module.Settings().with_overrides(env=env, **overrides)


def _pepper():
    return base64.b64encode(os.urandom(32)).decode()


def test_production_refuses_the_development_pepper_even_beside_a_real_one():
    keys = f"{settings_module.DEV_PIN_PEPPER_KEYS},k2:{_pepper()}"
    with pytest.raises(RuntimeError, match="PIN_PEPPER_KEYS"):
        _settings(pin_pepper_keys=keys, pin_pepper_current_key_id="k2")._validate_pin_peppers()


def test_production_refuses_a_missing_pepper():
    # Unset, PIN_PEPPER_KEYS is the development pepper.
    with pytest.raises(RuntimeError, match="PIN_PEPPER_KEYS"):
        _settings()._validate_pin_peppers()


def test_production_accepts_real_peppers():
    _settings(pin_pepper_keys=f"k1:{_pepper()},k2:{_pepper()}",
              pin_pepper_current_key_id="k2")._validate_pin_peppers()


@pytest.mark.parametrize("overrides, complaint", [
    ({"pin_pepper_keys": ""}, "PIN_PEPPER_KEYS"),
    ({"pin_pepper_keys": "k1:AAAA", "pin_pepper_current_key_id": "k1"}, "PIN_PEPPER_KEYS"),
    ({"pin_pepper_current_key_id": "k9"}, "PIN_PEPPER_CURRENT_KEY_ID"),
    ({"pin_bcrypt_rounds": 3}, "PIN_BCRYPT_ROUNDS"),
])
def test_every_environment_refuses_a_pin_configuration_that_cannot_work(overrides, complaint):
    with pytest.raises(RuntimeError, match=complaint):
        _settings(env="development", **overrides).validate_pin_hashing()


def test_pins_and_passwords_have_their_own_bcrypt_cost(monkeypatch):
    monkeypatch.setenv("PIN_BCRYPT_ROUNDS", "6")
    monkeypatch.setenv("BCRYPT_ROUNDS", "12")
    configured = settings_module.Settings()
    assert (configured.pin_bcrypt_rounds, configured.bcrypt_rounds) == (6, 12)
    monkeypatch.delenv("PIN_BCRYPT_ROUNDS")
    assert settings_module.Settings().pin_bcrypt_rounds == 4
