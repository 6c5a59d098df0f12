"""Account passwords: bcrypt, with a constant-time answer for unknown emails."""
from __future__ import annotations

import bcrypt

MIN_LENGTH = 10
# bcrypt only reads the first 72 bytes; longer passwords are refused rather than
# silently truncated.
MAX_BYTES = 72


def hash_password(password: str, rounds: int) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def check_password(password: str, password_hash: str | None, rounds: int) -> bool:
    """Spend the same bcrypt time whether or not the account exists."""
    if password_hash is None:
        bcrypt.checkpw(password.encode(), _dummy_hash(rounds))
        return False
    return bcrypt.checkpw(password.encode(), password_hash.encode())


_DUMMIES: dict[int, bytes] = {}


def _dummy_hash(rounds: int) -> bytes:
    if rounds not in _DUMMIES:
        _DUMMIES[rounds] = bcrypt.hashpw(b"not-a-real-password", bcrypt.gensalt(rounds))
    return _DUMMIES[rounds]
