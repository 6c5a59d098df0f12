"""The wallet state machine and the small rules around wallets.

active -> frozen -> active; active|frozen -> closed (terminal). A frozen wallet
remembers why (`self`, `admin`, `pin_lockout`), and who may lift the freeze depends on it.
"""
from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from decimal import Decimal

from domain import errors

ACTIVE, FROZEN, CLOSED = "active", "frozen", "closed"
SELF, ADMIN, PIN_LOCKOUT = "self", "admin", "pin_lockout"
FREEZE_REASONS = (SELF, ADMIN, PIN_LOCKOUT)

_ID_ALPHABET = string.ascii_uppercase + string.digits


def new_wallet_id() -> str:
    return "VPY-" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(6))


@dataclass(frozen=True)
class Transition:
    status: str
    freeze_reason: str | None


def freeze(status: str, reason: str) -> Transition:
    if status == CLOSED:
        raise errors.WalletAlreadyClosed()
    if status == FROZEN:
        raise errors.WalletAlreadyFrozen()
    return Transition(FROZEN, reason)


def admin_freeze(status: str, freeze_reason: str | None) -> Transition:
    """An administrator's freeze takes over a self or lockout freeze, so that neither
    the owner nor the 24 h lockout expiry can lift it."""
    if status == FROZEN and freeze_reason != ADMIN:
        return Transition(FROZEN, ADMIN)
    return freeze(status, ADMIN)


def unfreeze(status: str, freeze_reason: str | None, by: str) -> Transition:
    """Lift a freeze; `by` is who asks (`self`, `admin`, `pin_lockout` for reset/expiry)."""
    if status == CLOSED:
        raise errors.WalletAlreadyClosed()
    if status != FROZEN:
        raise errors.WalletNotFrozen()
    if by == SELF and freeze_reason == ADMIN:
        raise errors.WalletFrozenByAdmin()
    if by == SELF and freeze_reason == PIN_LOCKOUT:
        raise errors.PinLocked()
    if by == PIN_LOCKOUT and freeze_reason != PIN_LOCKOUT:
        raise errors.WalletFrozen("Wallet is frozen for another reason")
    return Transition(ACTIVE, None)


def close(status: str, balance: Decimal) -> Transition:
    if status == CLOSED:
        raise errors.WalletAlreadyClosed()
    if balance != 0:
        raise errors.WalletHasBalance()
    return Transition(CLOSED, None)


def ensure_can_move_money(status: str, freeze_reason: str | None) -> None:
    """Raised errors match the codes a posting job stores on a failed operation."""
    if status == CLOSED:
        raise errors.WalletClosed()
    if status == FROZEN:
        if freeze_reason == PIN_LOCKOUT:
            raise errors.PinLocked()
        raise errors.WalletFrozen()


def ensure_can_receive(status: str, freeze_reason: str | None) -> None:
    """A self freeze or a PIN lockout stops money going out, not money coming in: the
    owner froze their wallet to protect it, and a payer should not be refused for it.
    Only a closed wallet or an administrator's freeze refuses incoming money."""
    if status == CLOSED or (status == FROZEN and freeze_reason == ADMIN):
        raise errors.RecipientWalletInactive()


def mask_name(full_name: str) -> str:
    """'Ravi Gupta' -> 'R**i G***a': enough to recognise, not enough to harvest."""
    return " ".join(_mask_word(word) for word in full_name.split())


def _mask_word(word: str) -> str:
    if len(word) <= 2:
        return word[0] + "*" * (len(word) - 1)
    return word[0] + "*" * (len(word) - 2) + word[-1]


def available_balance(status: str, balance: Decimal, held: Decimal = Decimal("0.00")) -> Decimal:
    """What the owner can spend now: the balance less the active holds, nothing while
    the wallet is frozen or closed."""
    return balance - held if status == ACTIVE else Decimal("0.00")
