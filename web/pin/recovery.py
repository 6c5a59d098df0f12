"""PIN recovery: what a reset with an emailed code changes, in the caller's transaction.

The PIN row is locked before the wallet row (the order every PIN check uses), and the
code is redeemed only once both are held and known to exist: a reset that cannot
apply (no wallet, no PIN) leaves the code usable, and one that applies uses it up.
The new PIN is hashed only after the code proved valid: an invalid code costs no bcrypt.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import func
from sqlalchemy.orm import Session

from db import audit
from db.models import Wallet, WalletPin
from db.notifications import notify
from domain import errors
from domain import wallets as rules
from domain.audit import PIN_RESET
from domain.pin import PinHasher
from web.pin.verification import store_hash
from web.wallets.queries import own_wallet_id


def reset_pin(session: Session, actor: audit.Actor, user_id: uuid.UUID, new_pin: str,
              pins: PinHasher, redeem: Callable[[], dict | None]) -> bool:
    """Store the new PIN, reset the counter, lift a PIN lockout; True if it did.

    `redeem` uses up the emailed code if it is this user's and returns what it was
    issued for (None, leaving it untouched, otherwise).
    """
    wallet_id = own_wallet_id(session, user_id)
    pin = session.get(WalletPin, wallet_id, with_for_update=True)
    if pin is None:
        raise errors.PinNotSet()
    wallet = session.get(Wallet, wallet_id, with_for_update=True)
    if redeem() is None:
        raise errors.InvalidToken()
    before = _state(wallet, pin)
    store_hash(pin, pins.hash(new_pin, wallet_id))
    pin.failed_attempts, pin.failed_at = 0, []
    unlocked = wallet.status == rules.FROZEN and wallet.freeze_reason == rules.PIN_LOCKOUT
    if unlocked:
        _unfreeze(wallet)
    audit.record(session, actor, PIN_RESET, "wallet", wallet.id, before=before,
                 after=_state(wallet, pin), reason="PIN reset with an emailed code")
    if unlocked:
        notify(session, user_id, "wallet_unfrozen", "Your wallet is active again",
               "You reset your PIN, which lifted the lock caused by wrong PIN attempts.",
               {"wallet_id": wallet.id})
    return unlocked


def _unfreeze(wallet: Wallet) -> None:
    change = rules.unfreeze(wallet.status, wallet.freeze_reason, by=rules.PIN_LOCKOUT)
    wallet.status, wallet.freeze_reason = change.status, change.freeze_reason
    wallet.frozen_at, wallet.updated_at = None, func.now()


def _state(wallet: Wallet, pin: WalletPin) -> dict:
    # Never the PIN hash: the audit trail is read by people.
    return {"status": wallet.status, "freeze_reason": wallet.freeze_reason,
            "failed_attempts": pin.failed_attempts}
