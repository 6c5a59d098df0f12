"""The owner's transaction PIN: set it once, verify it, change it, reset it with an
emailed code.

Every cheap refusal (no wallet, already set, wrong current PIN, invalid code) comes
before any hashing of a new PIN; the format and strength of a new PIN are checked by
the caller before it opens a transaction (domain.pin.ensure_strong).
"""
from __future__ import annotations

from typing import Callable

import redis as redis_lib
from sqlalchemy.orm import Session

from db import audit, outbox, pins
from db import wallets as stored
from db.redis import key
from domain import errors
from domain.audit import PIN_CHANGE, PIN_RESET
from domain.email_templates import PIN_RESET as EMAIL_PIN_RESET
from services import UnitOfWork, pin_counter, wallet_state
from settings import Settings
from workers.names import SEND_EMAIL


def set_first(session: Session, settings: Settings, actor: audit.Actor, pin: str) -> None:
    wallet_id = stored.own_wallet_id(session, actor.user_id)
    if pins.has_pin(session, wallet_id):
        raise errors.PinAlreadySet()
    if not pins.insert_first(session, wallet_id, pin_counter.hasher(settings).hash(pin, wallet_id)):
        raise errors.PinAlreadySet()


def verify_own(uow: UnitOfWork, settings: Settings, actor: audit.Actor, pin: str) -> None:
    with uow() as session:
        wallet_id = stored.own_wallet_id(session, actor.user_id)
    pin_counter.verify(uow, settings, actor, wallet_id, pin)


def change(uow: UnitOfWork, settings: Settings, actor: audit.Actor, current_pin: str,
           new_pin: str) -> None:
    """The current PIN counts towards the lockout; writes PIN_CHANGE (a wrong current
    PIN writes PIN_FAILED)."""
    with uow() as session:
        wallet_id = stored.own_wallet_id(session, actor.user_id)
        # One transaction checks the current PIN and stores the new one, so two
        # concurrent changes cannot both pass the check against the same old PIN.
        refusal = pin_counter.attempt(session, settings, actor, wallet_id, current_pin)
        if refusal is None:
            # The PIN row is locked by the attempt that just checked the current PIN.
            pins.store_hash(pins.get(session, wallet_id),
                            pin_counter.hasher(settings).hash(new_pin, wallet_id))
            audit.record(session, actor, PIN_CHANGE, "wallet", wallet_id,
                         reason="PIN changed by its owner")
    # Raised after the commit: a wrong current PIN must stay counted.
    if refusal is not None:
        raise refusal


def request_reset(session: Session, r: redis_lib.Redis, settings: Settings,
                  actor: audit.Actor) -> None:
    """Mail the owner a reset code, if the wallet has a PIN and no code was mailed in
    the last PIN_RESET_EMAIL_INTERVAL_S (further requests are accepted and ignored, and
    the caller's answer never says which happened). The job carries ids only: the code
    is minted by the email job, so it never passes through a request or a payload."""
    if not has_pin(session, actor):
        return
    rate_key = key("rate", "pin_reset_email", actor.user_id)
    if r.set(rate_key, 1, nx=True, ex=settings.pin_reset_email_interval_s):
        outbox.enqueue_after_commit(session, SEND_EMAIL, [EMAIL_PIN_RESET, str(actor.user_id), None],
                                    {"request_id": actor.request_id})


def has_pin(session: Session, actor: audit.Actor) -> bool:
    """Whether the caller has a wallet with a PIN (False without a wallet)."""
    try:
        wallet_id = stored.own_wallet_id(session, actor.user_id)
    except errors.WalletNotFound:
        return False
    return pins.has_pin(session, wallet_id)


def reset(session: Session, settings: Settings, actor: audit.Actor, new_pin: str,
          redeem: Callable[[], dict | None]) -> bool:
    """Store the new PIN, reset the counter, lift a PIN lockout; True if it did.

    `redeem` uses up the emailed code if it is this user's and returns what it was
    issued for (None, leaving it untouched, otherwise). The PIN row is locked before
    the wallet row, and the code is redeemed only once both are held and known to
    exist: a reset that cannot apply (no wallet, no PIN) leaves the code usable, and
    one that applies uses it up. The new PIN is hashed only after the code proved
    valid: an invalid code costs no bcrypt.
    """
    wallet_id = stored.own_wallet_id(session, actor.user_id)
    pin = pins.lock(session, wallet_id)
    if pin is None:
        raise errors.PinNotSet()
    wallet = stored.for_update(session, wallet_id)
    if redeem() is None:
        raise errors.InvalidToken()
    before = _state(wallet, pin)
    pins.store_hash(pin, pin_counter.hasher(settings).hash(new_pin, wallet_id))
    pins.clear_failures(pin)
    unlocked = wallet_state.lift_lockout_after_reset(session, wallet)
    audit.record(session, actor, PIN_RESET, "wallet", wallet.id, before=before,
                 after=_state(wallet, pin), reason="PIN reset with an emailed code")
    return unlocked


def _state(wallet, pin) -> dict:
    # Never the PIN hash: the audit trail is read by people.
    return {"status": wallet.status, "freeze_reason": wallet.freeze_reason,
            "failed_attempts": pin.failed_attempts}
