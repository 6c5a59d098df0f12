"""Every change of a wallet's state: the owner's freeze, unfreeze and close, an
administrator's freeze and unfreeze, a PIN lockout, its expiry and its lifting by a PIN
reset.

Each one is decided by the wallet state machine (domain/wallets.py), written by
`db.wallets.apply` under the wallet's row lock, and audited (and, where the owner should
hear of it, notified) in the caller's transaction, so all of them exist or none does.
Whoever touches the PIN row too takes it before the wallet row, the order every PIN
check uses, so none of them can deadlock with a PIN attempt.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy.orm import Session

import settings as settings_module
from db import audit, pins
from db import wallets as stored
from db.models import Wallet, WalletPin
from db.notifications import notify
from domain import audit as actions
from domain import errors
from domain import wallets as rules
from domain.duties import ensure_not_party
from services import pin_counter

Decide = Callable[[Wallet], rules.Transition]


def freeze_own(session: Session, actor: audit.Actor) -> Wallet:
    return _change_own(session, actor, lambda w: rules.freeze(w.status, rules.SELF),
                       actions.SELF_FREEZE, ("wallet_frozen", "You froze your wallet", "Wallet frozen"))


def unfreeze_own(session: Session, actor: audit.Actor, s: settings_module.Settings) -> Wallet:
    """Not while the wrong PINs that still count are at the limit: unfreezing must not
    give back PIN guesses."""
    # The PIN row first (see the module's docstring), held so that a wrong PIN
    # committed meanwhile cannot slip past the check.
    pin = pins.lock(session, stored.own_wallet_id(session, actor.user_id))

    def decide(wallet: Wallet) -> rules.Transition:
        change = rules.unfreeze(wallet.status, wallet.freeze_reason, by=rules.SELF)
        pin_counter.ensure_owner_may_unfreeze(session, s, pin)
        return change

    return _change_own(session, actor, decide, actions.SELF_UNFREEZE,
                       ("wallet_unfrozen", "You unfroze your wallet", "Wallet unfrozen"))


def close_own(session: Session, actor: audit.Actor) -> Wallet:
    """Terminal; the balance must be zero."""
    return _change_own(session, actor, lambda w: rules.close(w.status, w.balance),
                       actions.CLOSE_WALLET)


def admin_freeze(session: Session, actor: audit.Actor, wallet_id: str, reason: str) -> Wallet:
    """An admin freeze takes over a self or lockout freeze (domain.wallets.admin_freeze)."""
    wallet = locked_for_privileged_action(session, actor, wallet_id)
    _change(session, actor, wallet, rules.admin_freeze(wallet.status, wallet.freeze_reason),
            actions.FREEZE_WALLET, reason=reason)
    notify(session, wallet.user_id, "wallet_frozen", "Your wallet has been frozen",
           "VaultPay support froze your wallet. Contact support to find out more.",
           {"wallet_id": wallet.id})
    return wallet


def admin_unfreeze(session: Session, actor: audit.Actor, wallet_id: str, reason: str | None,
                   pin_max_attempts: int) -> Wallet:
    """Lifting a PIN lockout (or any freeze while the wrong-PIN counter stands at the
    limit) also resets the counter, so the owner gets their full attempts back."""
    pin = pins.lock(session, wallet_id)
    wallet = locked_for_privileged_action(session, actor, wallet_id)
    locked_out = wallet.freeze_reason == rules.PIN_LOCKOUT
    _change(session, actor, wallet,
            rules.unfreeze(wallet.status, wallet.freeze_reason, by=rules.ADMIN),
            actions.UNFREEZE_WALLET, reason=reason)
    if pin is not None and (locked_out or pin.failed_attempts >= pin_max_attempts):
        pin.failed_attempts = 0
    notify(session, wallet.user_id, "wallet_unfrozen", "Your wallet is active again",
           "VaultPay support lifted the freeze on your wallet.", {"wallet_id": wallet.id})
    return wallet


def lock_out(session: Session, actor: audit.Actor, wallet_id: str) -> None:
    """Freeze the wallet after too many wrong PINs, if it is active.

    Only an active wallet takes the lockout freeze: a wallet frozen by its owner or an
    admin keeps that reason (the 24 h lockout expiry must not lift it), and the counter
    left at the limit keeps refusing PINs while that freeze lasts, and the owner's own
    unfreeze, for 24 h from this attempt (or until a PIN reset).
    """
    wallet = stored.for_update(session, wallet_id)
    if wallet is None or wallet.status != rules.ACTIVE:
        return
    _change(session, actor, wallet, rules.freeze(wallet.status, rules.PIN_LOCKOUT),
            actions.PIN_LOCKOUT, reason="Too many consecutive wrong PINs")
    notify(session, wallet.user_id, "wallet_frozen", "Your wallet is locked",
           "Too many wrong PINs in a row locked your wallet for 24 hours. To unlock it "
           "sooner, reset your PIN with the code we email you (POST /api/v1/pin/reset/request).",
           {"wallet_id": wallet_id, "freeze_reason": rules.PIN_LOCKOUT})


def lift_lockout_after_reset(session: Session, wallet: Wallet) -> bool:
    """A PIN reset lifts a PIN lockout (other freezes stay); True if it did. The
    caller's PIN_RESET audit row records the change."""
    if not (wallet.status == rules.FROZEN and wallet.freeze_reason == rules.PIN_LOCKOUT):
        return False
    stored.apply(wallet, rules.unfreeze(wallet.status, wallet.freeze_reason, by=rules.PIN_LOCKOUT))
    notify(session, wallet.user_id, "wallet_unfrozen", "Your wallet is active again",
           "You reset your PIN, which lifted the lock caused by wrong PIN attempts.",
           {"wallet_id": wallet.id})
    return True


def end_expired_lockouts(session: Session, hours: float, batch: int) -> int:
    """Lift up to `batch` PIN lockouts older than `hours`; how many it lifted.

    Only freezes whose reason is `pin_lockout`; each resets the wrong-PIN counter,
    writes an AUTO_UNFREEZE audit row (actor: the system) and tells the owner.
    """
    found = stored.expired_lockouts_for_update(session, hours, batch)
    for wallet, pin in found:
        _end_lockout(session, wallet, pin, hours)
    return len(found)


def _end_lockout(session: Session, wallet: Wallet, pin: WalletPin, hours: float) -> None:
    before = {"status": wallet.status, "freeze_reason": wallet.freeze_reason,
              "frozen_at": wallet.frozen_at.isoformat(), "failed_attempts": pin.failed_attempts}
    change = rules.unfreeze(wallet.status, wallet.freeze_reason, by=rules.PIN_LOCKOUT)
    stored.apply(wallet, change)
    pin.failed_attempts = 0
    audit.record(session, audit.SYSTEM, actions.AUTO_UNFREEZE, "wallet", wallet.id, before=before,
                 after={"status": change.status, "freeze_reason": None, "failed_attempts": 0},
                 reason=f"PIN lockout ended after {hours:g} hours")
    notify(session, wallet.user_id, "wallet_unfrozen", "Your wallet is active again",
           f"The {hours:g}-hour lock after too many wrong PIN attempts has ended. "
           "You can use your PIN again.", {"wallet_id": wallet.id})


def _change_own(session: Session, actor: audit.Actor, decide: Decide, action: str,
                notice: tuple[str, str, str] | None = None) -> Wallet:
    """The owner's change, with its audit row (the user's own security events are
    audited like an administrator's) and, if given, a notification."""
    wallet = stored.own_wallet(session, actor.user_id, for_update=True)
    _change(session, actor, wallet, decide(wallet), action)
    if notice:
        kind, title, done = notice
        # Announced even though the owner asked: another of their devices (or a
        # thief with their session) may have been the one asking.
        notify(session, actor.user_id, kind, title, f"{done} at your request.",
               {"wallet_id": wallet.id})
    session.flush()
    return wallet


def locked_for_privileged_action(session: Session, actor: audit.Actor, wallet_id: str) -> Wallet:
    """The wallet a privileged action changes (its state, its limits), locked; refused
    when it is the actor's own (segregation of duties)."""
    wallet = stored.for_update(session, wallet_id)
    if wallet is None:
        raise errors.WalletNotFound()
    ensure_not_party(actor.user_id, [wallet.user_id])
    return wallet


def _change(session: Session, actor: audit.Actor, wallet: Wallet, change: rules.Transition,
            action: str, reason: str | None = None) -> None:
    before = _state(wallet)
    stored.apply(wallet, change)
    audit.record(session, actor, action, "wallet", wallet.id, before=before,
                 after=_state(wallet), reason=reason)


def _state(wallet: Wallet) -> dict:
    return {"status": wallet.status, "freeze_reason": wallet.freeze_reason}
