"""Checking a transaction PIN, with the lockout counter shared by verify, change, send
and withdraw.

A wrong PIN must be counted even though the request fails, so the outcome is recorded
and committed first and the refusal raised afterwards. `verify_pin` owns a short unit
of work of its own for that; `attempt` is the same check inside a unit of work the
caller owns (PIN change records the attempt and the new PIN in one transaction; a money
call records it with the accepted operation).

Every wrong PIN writes a PIN_FAILED audit row; the attempt that locks a wallet out
also writes the PIN_LOCKOUT row and the owner's "wallet frozen" notification, in the
transaction that freezes it. Wrong PINs stop counting after LOCKOUT_HOURS (24 h), and
attempts used up stay used up that long whatever the wallet's state (domain/pin.py).
"""
from __future__ import annotations

from datetime import timedelta

from flask import g, has_request_context
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from db import audit
from db.models import Wallet, WalletPin
from db.notifications import notify
from domain import audit as actions
from domain import errors
from domain import pin as rules
from domain.pin import PinHasher, StoredPin, check_pin
from domain.wallets import ACTIVE, FROZEN, PIN_LOCKOUT
from settings import Settings
from web import context

# Built once (every send and withdrawal runs them): a reused statement keeps its
# memoised cache key.
_PIN_FOR_UPDATE = select(WalletPin).where(WalletPin.wallet_id == bindparam("wallet_id")).with_for_update()
_WALLET_STATE = select(Wallet.status, Wallet.freeze_reason, func.now()).where(
    Wallet.id == bindparam("wallet_id"))


def hasher(settings: Settings) -> PinHasher:
    """The PIN hashing in force: peppers, current key id, bcrypt cost."""
    return rules.hasher_for(settings.pin_pepper_keys, settings.pin_pepper_current_key_id,
                            settings.pin_bcrypt_rounds)


def verify_pin(settings: Settings, wallet_id: str, pin: str) -> None:
    """Check `pin` for the wallet, in a transaction of its own; raise if it is refused.

    Raises PinNotSet, PinLocked (423: locked out now or before) or InvalidPin (with
    `details.attempts_remaining`). Call it outside any open unit of work: the counter
    is committed before the error is raised, and a caller's open transaction would
    hold a second connection meanwhile.
    """
    with context.uow() as session:
        refusal = attempt(session, wallet_id, pin, settings.pin_max_attempts)
    if refusal is not None:
        raise refusal


def attempt(session: Session, wallet_id: str, pin: str,
            max_attempts: int) -> errors.VaultPayError | None:
    """Check `pin` and record the outcome in `session`; return the refusal, if any.

    Returned rather than raised: the caller must commit before raising it. A correct
    PIN whose hash is of an older scheme, key or cost is rewritten under the current
    ones.
    """
    # The PIN row lock serialises attempts on one wallet, so parallel guesses are
    # counted one by one; it lives apart from `wallets` so that holding it during
    # bcrypt never blocks a posting.
    row = session.execute(_PIN_FOR_UPDATE, {"wallet_id": wallet_id}).scalar_one_or_none()
    if row is None:
        return errors.PinNotSet()
    # Read after the lock: a lockout committed by the previous holder is visible.
    status, freeze_reason, now = session.execute(_WALLET_STATE, {"wallet_id": wallet_id}).one()
    settings = context.settings()
    counting = _failures_that_count(row, now, settings)
    if rules.refuses_attempt(counting, max_attempts, status, freeze_reason):
        return errors.PinLocked()
    pins = hasher(settings)
    stored = StoredPin(row.pin_hash, row.pin_key_id)
    if check_pin(pin, wallet_id, stored.pin_hash, pins.pepper_for(stored.key_id)):
        if row.failed_attempts:
            row.failed_attempts, row.failed_at = 0, []
        if not pins.is_current(stored):
            store_hash(row, pins.hash(pin, wallet_id))
        return None
    return _count_failure(session, row, counting, now, max_attempts)


def store_hash(row: WalletPin, stored: StoredPin) -> None:
    row.pin_hash, row.pin_key_id, row.updated_at = stored.pin_hash, stored.key_id, func.now()


def lock_counter(session: Session, wallet_id: str) -> WalletPin | None:
    """Lock the wallet's PIN row, before its wallet row (the order every PIN check
    takes them), so that no PIN attempt on the wallet runs meanwhile."""
    return session.execute(_PIN_FOR_UPDATE, {"wallet_id": wallet_id}).scalar_one_or_none()


def ensure_owner_may_unfreeze(session: Session, wallet_id: str) -> None:
    """Raise PinLocked while the wrong PINs that still count are at the limit.

    Call it with the PIN row locked (`lock_counter`): a wrong PIN committed meanwhile
    would otherwise slip past.
    """
    row = session.get(WalletPin, wallet_id)
    if row is None:
        return
    now = session.execute(select(func.now())).scalar_one()
    settings = context.settings()
    rules.ensure_owner_may_unfreeze(_failures_that_count(row, now, settings),
                                    settings.pin_max_attempts)


def _failures_that_count(row: WalletPin, now, settings: Settings) -> int:
    return rules.failures_that_count(row.failed_attempts, row.failed_at, now,
                                     timedelta(hours=settings.lockout_hours),
                                     settings.pin_max_attempts)


def _count_failure(session: Session, row: WalletPin, counting: int, now,
                   max_attempts: int) -> errors.VaultPayError:
    row.failed_at = rules.failure_dates_after(row.failed_at, counting, now, max_attempts)
    row.failed_attempts = rules.count_failure(counting, max_attempts)
    # Never the PIN tried: the audit trail is read by people.
    audit.record(session, _caller(), actions.PIN_FAILED, "wallet", row.wallet_id,
                 after={"failed_attempts": row.failed_attempts}, reason="Wrong PIN")
    if row.failed_attempts >= max_attempts:
        _lock_out(session, row.wallet_id)
        return errors.PinLocked()
    return errors.InvalidPin(rules.attempts_remaining(row.failed_attempts, max_attempts))


def _lock_out(session: Session, wallet_id: str) -> None:
    # Only an active wallet takes the lockout freeze: a wallet frozen by its owner or
    # an admin keeps that reason (the 24 h lockout expiry must not lift it), and the
    # counter left at the limit keeps refusing PINs while that freeze lasts, and the
    # owner's own unfreeze, for 24 h from this attempt (or until a PIN reset).
    user_id = session.execute(
        update(Wallet)
        .where(Wallet.id == wallet_id, Wallet.status == ACTIVE)
        .values(status=FROZEN, freeze_reason=PIN_LOCKOUT, frozen_at=func.now(),
                updated_at=func.now())
        .returning(Wallet.user_id)
    ).scalar_one_or_none()
    if user_id is None:
        return
    audit.record(session, _caller(), actions.PIN_LOCKOUT, "wallet", wallet_id,
                 before={"status": ACTIVE, "freeze_reason": None},
                 after={"status": FROZEN, "freeze_reason": PIN_LOCKOUT},
                 reason="Too many consecutive wrong PINs")
    notify(session, user_id, "wallet_frozen", "Your wallet is locked",
           "Too many wrong PINs in a row locked your wallet for 24 hours. To unlock it "
           "sooner, reset your PIN with the code we email you (POST /api/v1/pin/reset/request).",
           {"wallet_id": wallet_id, "freeze_reason": PIN_LOCKOUT})


def _caller() -> audit.Actor:
    """Whoever typed the wrong PIN: the signed-in user of this request."""
    if has_request_context() and "user" in g:
        return context.actor()
    return audit.SYSTEM
