"""Transaction PIN policy: format, weakness, the keyed hash and the lockout counter.

The keyed hash. A 4-digit PIN has 10^4 values: whoever holds a plain bcrypt hash of
it tries them all, whatever the cost. So the stored hash is bcrypt over
HMAC-SHA-256(pepper, wallet id and PIN), the pepper being a secret from the
environment (PIN_PEPPER_KEYS), never from the database. Without the pepper the stored
row answers no guess; with it, the lockout still stops guessing online. That is why
the PIN's bcrypt cost is its own, low setting (PIN_BCRYPT_ROUNDS). The key id is
stored beside the hash so the pepper can rotate; a NULL key id marks the scheme
before peppers (plain bcrypt of the PIN), still accepted and rewritten under the
current key and cost by the next correct PIN.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import bcrypt

from domain import errors
from domain.named_keys import parse_named_keys
from domain.wallets import ACTIVE, PIN_LOCKOUT

PIN_LENGTH = 4
PEPPER_BYTES = 32
_SCHEME = "vaultpay/pin/v1"


def ensure_strong(pin: str) -> None:
    """Refuse PINs a thief would try first: repeated digits and straight runs."""
    digits = [int(c) for c in pin]
    steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
    if len(set(digits)) == 1 or steps in ({1}, {-1}):
        raise errors.PinTooWeak()


# --- the keyed hash ------------------------------------------------------------------
def _keyed_input(pin: str, wallet_id: str, pepper: bytes) -> bytes:
    # Bound to the wallet: a hash copied onto another wallet's row checks nothing.
    # Base64 because bcrypt reads at most 72 bytes and refuses NUL bytes.
    mac = hmac.new(pepper, f"{_SCHEME}|{wallet_id}|{pin}".encode(), hashlib.sha256).digest()
    return base64.b64encode(mac)


def hash_pin(pin: str, wallet_id: str, pepper: bytes, rounds: int) -> str:
    return bcrypt.hashpw(_keyed_input(pin, wallet_id, pepper), bcrypt.gensalt(rounds)).decode()


def check_pin(pin: str, wallet_id: str, pin_hash: str, pepper: bytes | None) -> bool:
    """One PIN verification (what the benchmark times). `pepper` None: the hash is
    of the scheme before peppers, plain bcrypt of the PIN."""
    candidate = pin.encode() if pepper is None else _keyed_input(pin, wallet_id, pepper)
    return bcrypt.checkpw(candidate, pin_hash.encode())


def bcrypt_cost(pin_hash: str) -> int:
    """The cost in a `$2b$05$...` hash."""
    return int(pin_hash.split("$")[2])


@dataclass(frozen=True)
class StoredPin:
    pin_hash: str
    key_id: str | None  # None: plain bcrypt of the PIN, from before peppers


@dataclass(frozen=True)
class PinHasher:
    """The configured peppers (by key id), the current one, and the bcrypt cost."""

    peppers: Mapping[str, bytes]
    current_key_id: str
    rounds: int

    def __post_init__(self):
        if self.current_key_id not in self.peppers:
            raise ValueError(f"the current PIN pepper id {self.current_key_id!r} is not among the keys")

    def hash(self, pin: str, wallet_id: str) -> StoredPin:
        pepper = self.peppers[self.current_key_id]
        return StoredPin(hash_pin(pin, wallet_id, pepper, self.rounds), self.current_key_id)

    def is_current(self, stored: StoredPin) -> bool:
        """False for a hash a correct PIN should rewrite: an older scheme, key or cost."""
        return stored.key_id == self.current_key_id and bcrypt_cost(stored.pin_hash) == self.rounds

    def pepper_for(self, key_id: str | None) -> bytes | None:
        """The pepper of a stored hash's key id (None for the scheme before peppers)."""
        if key_id is None:
            return None
        if key_id not in self.peppers:
            # A configuration error, not the caller's: a retired key was removed while
            # PINs hashed under it remain. Never counted as a wrong PIN.
            raise LookupError(f"no PIN pepper with key id {key_id!r} is configured")
        return self.peppers[key_id]


@lru_cache(maxsize=8)
def hasher_for(keys_spec: str, current_key_id: str, rounds: int) -> PinHasher:
    """One hasher per configuration (PIN_PEPPER_KEYS, PIN_PEPPER_CURRENT_KEY_ID, cost)."""
    return PinHasher(parse_named_keys(keys_spec, "PIN pepper", PEPPER_BYTES), current_key_id, rounds)


# --- the lockout counter -------------------------------------------------------------
def attempts_remaining(failed_attempts: int, max_attempts: int) -> int:
    return max(max_attempts - failed_attempts, 0)


def refuses_attempt(failed_attempts: int, max_attempts: int, wallet_status: str,
                    freeze_reason: str | None) -> bool:
    """True when a PIN must not even be checked (`failed_attempts`: those that still count).

    A lockout freeze refuses every attempt. A wallet that used up its attempts while
    already frozen for another reason keeps that freeze (a lockout must not overwrite
    it, or the 24 h expiry would lift an admin's or the owner's freeze), so it refuses
    attempts until that freeze is lifted; the owner cannot lift theirs meanwhile
    (`ensure_owner_may_unfreeze`).
    """
    if freeze_reason == PIN_LOCKOUT:
        return True
    return failed_attempts >= max_attempts and wallet_status != ACTIVE


def ensure_owner_may_unfreeze(failed_attempts: int, max_attempts: int) -> None:
    """Lifting their own freeze must not give the owner fresh guesses: while the wrong
    PINs that still count are at the limit, the wallet stays frozen (423 PIN_LOCKED)."""
    if failed_attempts >= max_attempts:
        raise errors.PinLocked()


def count_failure(failed_attempts: int, max_attempts: int) -> int:
    """Failures after one more wrong PIN; capped, since the limit is all that matters."""
    return min(failed_attempts + 1, max_attempts)


def failures_that_count(failed_attempts: int, failed_at: Sequence[datetime], now: datetime,
                        window: timedelta, max_attempts: int) -> int:
    """How many of the stored consecutive wrong PINs still count at `now`.

    Each wrong PIN stops counting `window` (24 h) after it happened. Attempts used up
    stay used up for `window` after the wrong PIN that used them up, whatever the
    wallet's state, as a lockout does. `failed_attempts` is the authority (a reset or
    an admin sets it to zero without touching the dates); `failed_at` dates the latest
    failures, oldest first, and a failure with no date counts.
    """
    if failed_attempts <= 0:
        return 0
    dated = list(failed_at)[-failed_attempts:]
    undated = failed_attempts - len(dated)
    if failed_attempts >= max_attempts:
        return failed_attempts if undated or now - dated[-1] < window else 0
    return undated + sum(1 for at in dated if now - at < window)


def failure_dates_after(failed_at: Sequence[datetime], still_counting: int, now: datetime,
                        max_attempts: int) -> list[datetime]:
    """The dates to store after one more wrong PIN at `now`: those still counting
    (the newest ones), then `now`, at most `max_attempts` in all."""
    kept = min(still_counting, max_attempts - 1)
    return (list(failed_at)[-kept:] if kept else []) + [now]
