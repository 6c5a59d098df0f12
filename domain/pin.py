"""Transaction PIN policy: format, weakness, hashing and the lockout counter."""
from __future__ import annotations

import bcrypt

from domain import errors
from domain.wallets import ACTIVE, PIN_LOCKOUT

PIN_LENGTH = 4


def ensure_strong(pin: str) -> None:
    """Refuse PINs a thief would try first: repeated digits and straight runs."""
    digits = [int(c) for c in pin]
    steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
    if len(set(digits)) == 1 or steps in ({1}, {-1}):
        raise errors.PinTooWeak()


def hash_pin(pin: str, rounds: int) -> str:
    return bcrypt.hashpw(pin.encode(), bcrypt.gensalt(rounds)).decode()


def check_pin(pin: str, pin_hash: str) -> bool:
    return bcrypt.checkpw(pin.encode(), pin_hash.encode())


def attempts_remaining(failed_attempts: int, max_attempts: int) -> int:
    return max(max_attempts - failed_attempts, 0)


def refuses_attempt(failed_attempts: int, max_attempts: int, wallet_status: str,
                    freeze_reason: str | None) -> bool:
    """True when a PIN must not even be checked.

    A lockout freeze refuses every attempt. A wallet that used up its attempts while
    already frozen for another reason keeps that freeze (a lockout must not overwrite
    it, or the 24 h expiry would lift an admin's or the owner's freeze), so it refuses
    attempts until that freeze is lifted.
    """
    if freeze_reason == PIN_LOCKOUT:
        return True
    return failed_attempts >= max_attempts and wallet_status != ACTIVE


def count_failure(failed_attempts: int, max_attempts: int) -> int:
    """Failures after one more wrong PIN; capped, since the limit is all that matters."""
    return min(failed_attempts + 1, max_attempts)
