"""Checking a transaction PIN, with the lockout counter shared by verify, change, send
and withdraw.

A wrong PIN must be counted even though the request fails, so the outcome is recorded
and committed first and the refusal raised afterwards. `verify_pin` owns a short unit
of work of its own for that; `attempt` is the same check inside a unit of work the
caller owns (PIN change records the attempt and the new PIN in one transaction; a money
call records it with the accepted operation).

The attempt that locks a wallet out also writes the PIN_LOCKOUT audit row and the
owner's "wallet frozen" notification, in the transaction that freezes it.
"""
from __future__ import annotations

from flask import g, has_request_context
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from db import audit
from db.models import Wallet, WalletPin
from db.notifications import notify
from domain import audit as actions
from domain import errors
from domain.pin import attempts_remaining, check_pin, count_failure, refuses_attempt
from domain.wallets import ACTIVE, FROZEN, PIN_LOCKOUT
from settings import Settings
from web import context

# Built once (every send and withdrawal runs them): a reused statement keeps its
# memoised cache key.
_PIN_FOR_UPDATE = select(WalletPin).where(WalletPin.wallet_id == bindparam("wallet_id")).with_for_update()
_WALLET_STATE = select(Wallet.status, Wallet.freeze_reason).where(Wallet.id == bindparam("wallet_id"))


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

    Returned rather than raised: the caller must commit before raising it.
    """
    # The PIN row lock serialises attempts on one wallet, so parallel guesses are
    # counted one by one; it lives apart from `wallets` so that holding it during
    # bcrypt never blocks a posting.
    row = session.execute(_PIN_FOR_UPDATE, {"wallet_id": wallet_id}).scalar_one_or_none()
    if row is None:
        return errors.PinNotSet()
    # Read after the lock: a lockout committed by the previous holder is visible.
    status, freeze_reason = session.execute(_WALLET_STATE, {"wallet_id": wallet_id}).one()
    if refuses_attempt(row.failed_attempts, max_attempts, status, freeze_reason):
        return errors.PinLocked()
    if check_pin(pin, row.pin_hash):
        if row.failed_attempts:
            row.failed_attempts = 0
        return None
    row.failed_attempts = count_failure(row.failed_attempts, max_attempts)
    if row.failed_attempts >= max_attempts:
        _lock_out(session, wallet_id)
        return errors.PinLocked()
    return errors.InvalidPin(attempts_remaining(row.failed_attempts, max_attempts))


def _lock_out(session: Session, wallet_id: str) -> None:
    # Only an active wallet takes the lockout freeze: a wallet frozen by its owner or
    # an admin keeps that reason (the 24 h lockout expiry must not lift it), and the
    # counter left at the limit keeps refusing PINs until that freeze is lifted.
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
