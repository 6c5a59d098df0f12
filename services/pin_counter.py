"""Checking a transaction PIN, with the lockout counter shared by verify, change, send
and withdraw.

A wrong PIN must be counted even though the request fails, so the outcome is recorded
and committed first and the refusal raised afterwards. `verify` owns a short unit of
work of its own for that; `attempt` is the same check inside a unit of work the caller
owns (PIN change records the attempt and the new PIN in one transaction; a money call
records it with the accepted operation).

Every wrong PIN writes a PIN_FAILED audit row; the attempt that locks a wallet out
also freezes it (services/wallet_state.py), in the same transaction. Wrong PINs stop
counting after LOCKOUT_HOURS (24 h), and attempts used up stay used up that long
whatever the wallet's state (domain/pin.py).
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from db import audit, pins
from db.models import WalletPin
from domain import audit as actions
from domain import errors
from domain import pin as rules
from domain.pin import PinHasher, StoredPin, check_pin
from services import UnitOfWork, wallet_state
from settings import Settings


def hasher(settings: Settings) -> PinHasher:
    """The PIN hashing in force: peppers, current key id, bcrypt cost."""
    return rules.hasher_for(settings.pin_pepper_keys, settings.pin_pepper_current_key_id,
                            settings.pin_bcrypt_rounds)


def verify(uow: UnitOfWork, settings: Settings, actor: audit.Actor, wallet_id: str,
           pin: str) -> None:
    """Check `pin` for the wallet, in a transaction of its own; raise if it is refused.

    Raises PinNotSet, PinLocked (423: locked out now or before) or InvalidPin (with
    `details.attempts_remaining`). Call it outside any open unit of work: the counter
    is committed before the error is raised, and a caller's open transaction would
    hold a second connection meanwhile.
    """
    with uow() as session:
        refusal = attempt(session, settings, actor, wallet_id, pin)
    if refusal is not None:
        raise refusal


def attempt(session: Session, settings: Settings, actor: audit.Actor, wallet_id: str,
            pin: str) -> errors.VaultPayError | None:
    """Check `pin` and record the outcome in `session`; return the refusal, if any.

    Returned rather than raised: the caller must commit before raising it. A correct
    PIN whose hash is of an older scheme, key or cost is rewritten under the current
    ones.
    """
    # The PIN row lock serialises attempts on one wallet, so parallel guesses are
    # counted one by one; it lives apart from `wallets` so that holding it during
    # bcrypt never blocks a posting.
    locked = pins.lock_row(session, wallet_id)
    if locked is None:
        return errors.PinNotSet()
    # Read after the lock: a lockout committed by the previous holder is visible.
    status, freeze_reason, now = pins.wallet_state(session, wallet_id)
    counting = _failures_that_count(locked, now, settings)
    if rules.refuses_attempt(counting, settings.pin_max_attempts, status, freeze_reason):
        return errors.PinLocked()
    hashing = hasher(settings)
    stored = StoredPin(locked.pin_hash, locked.pin_key_id)
    if check_pin(pin, wallet_id, stored.pin_hash, hashing.pepper_for(stored.key_id)):
        if locked.failed_attempts or not hashing.is_current(stored):
            row = pins.get(session, wallet_id)  # to change it; this transaction holds its lock
            if row.failed_attempts:
                pins.clear_failures(row)
            if not hashing.is_current(stored):
                pins.store_hash(row, hashing.hash(pin, wallet_id))
        return None
    row = pins.get(session, wallet_id)
    return _count_failure(session, actor, row, counting, now, settings.pin_max_attempts)


def ensure_owner_may_unfreeze(session: Session, settings: Settings, row: WalletPin | None) -> None:
    """Raise PinLocked while the wrong PINs that still count are at the limit.

    Call it with the PIN row locked (`db.pins.lock`): a wrong PIN committed meanwhile
    would otherwise slip past.
    """
    if row is None:
        return
    rules.ensure_owner_may_unfreeze(_failures_that_count(row, pins.now(session), settings),
                                    settings.pin_max_attempts)


def _failures_that_count(row: WalletPin, now, settings: Settings) -> int:
    return rules.failures_that_count(row.failed_attempts, row.failed_at, now,
                                     timedelta(hours=settings.lockout_hours),
                                     settings.pin_max_attempts)


def _count_failure(session: Session, actor: audit.Actor, row: WalletPin, counting: int, now,
                   max_attempts: int) -> errors.VaultPayError:
    row.failed_at = rules.failure_dates_after(row.failed_at, counting, now, max_attempts)
    row.failed_attempts = rules.count_failure(counting, max_attempts)
    # Never the PIN tried: the audit trail is read by people.
    audit.record(session, actor, actions.PIN_FAILED, "wallet", row.wallet_id,
                 after={"failed_attempts": row.failed_attempts}, reason="Wrong PIN")
    if row.failed_attempts >= max_attempts:
        wallet_state.lock_out(session, actor, row.wallet_id)
        return errors.PinLocked()
    return errors.InvalidPin(rules.attempts_remaining(row.failed_attempts, max_attempts))
