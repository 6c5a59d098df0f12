"""Transaction PIN policy: format, weakness, hashing and the lockout counter."""
from __future__ import annotations

import bcrypt

from domain import errors

PIN_LENGTH = 4


def ensure_strong(pin: str) -> None:
    """Refuse PINs a thief would try first: repeated digits and straight runs."""
    digits = [int(c) for c in pin]
    steps = {b - a for a, b in zip(digits, digits[1:])}
    if len(set(digits)) == 1 or steps in ({1}, {-1}):
        raise errors.PinTooWeak()


def hash_pin(pin: str, rounds: int) -> str:
    return bcrypt.hashpw(pin.encode(), bcrypt.gensalt(rounds)).decode()


def check_pin(pin: str, pin_hash: str) -> bool:
    return bcrypt.checkpw(pin.encode(), pin_hash.encode())


def attempts_remaining(failed_attempts: int, max_attempts: int) -> int:
    return max(max_attempts - failed_attempts, 0)
