"""PIN policy with no database: weakness, hashing, and when attempts are refused."""
import pytest

from domain import errors
from domain.pin import attempts_remaining, check_pin, count_failure, ensure_strong, hash_pin, refuses_attempt
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
