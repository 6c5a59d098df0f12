"""Holds (two-phase payments, API.md section 14): the rules, with no clock and no database.

A payer reserves money for a payee. The money stays in the payer's balance but leaves
what they can spend (`WalletState.available`) at once. The hold is then decided once:
captured by the payee (all or part of it moves payer -> payee, the rest is released),
voided (by the payee, or by a moderator who is not a party), or expired by the beat
job. Whichever of them is posted first decides; the others fail with HOLD_NOT_ACTIVE.
A capture or void accepted at or after the hold's expiry is refused the same way, so
what happens to a hold never depends on how late the expiry job runs.

The posting engine (domain/posting.py) applies these rules under the wallet row locks.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from domain import errors
from domain.duties import ensure_not_party
from domain.ledger import CAPTURE, EXPIRE, HOLD_TYPES, VOID, Leg, WalletState, ensure_covers
from domain.money import format_amount
from domain.roles import has_role
from domain.wallets import (
    ADMIN,
    CLOSED,
    FROZEN,
    ensure_can_move_money,
    ensure_can_receive,
)

ACTIVE, CAPTURED, VOIDED, EXPIRED = "active", "captured", "voided", "expired"
STATUSES = (ACTIVE, CAPTURED, VOIDED, EXPIRED)
# The status each deciding operation leaves a hold in.
DECIDED_BY = {CAPTURE: CAPTURED, VOID: VOIDED, EXPIRE: EXPIRED}
PAYER, PAYEE = "payer", "payee"
ROLES = (PAYER, PAYEE)

MIN_EXPIRES_IN_S, MAX_EXPIRES_IN_S, DEFAULT_EXPIRES_IN_S = 60, 2_592_000, 86_400


@dataclass(frozen=True)
class Hold:
    id: uuid.UUID
    payer_wallet_id: str
    payee_wallet_id: str
    amount: Decimal
    currency: str
    expires_at: datetime
    status: str = ACTIVE
    captured_amount: Decimal = Decimal("0.00")
    description: str | None = None


def hold_id_of(operation_type: str, payload: dict) -> dict:
    """`{"hold_id": ...}` for an operation on a hold (the result shows it), else {}."""
    return {"hold_id": payload["hold_id"]} if operation_type in HOLD_TYPES else {}


def expires_at(accepted_at: datetime, expires_in_s: int) -> datetime:
    """A hold expires `expires_in_s` after its request was accepted (not after it was
    posted: a busy queue does not lengthen it)."""
    return accepted_at + timedelta(seconds=expires_in_s)


def ensure_may_place(payer: WalletState, payee: WalletState | None, amount: Decimal) -> None:
    """The checks of a send, with nothing moved: the payer may pay and has it available,
    the payee exists, can receive and uses the same currency (a hold never converts)."""
    ensure_can_move_money(payer.status, payer.freeze_reason)
    if payee is None:
        raise errors.RecipientWalletNotFound()
    ensure_can_receive(payee.status, payee.freeze_reason)
    if payee.currency != payer.currency:
        raise errors.CurrencyMismatch()
    ensure_covers(payer.available, amount)


def ensure_active(hold: Hold, at: datetime) -> None:
    """`at` is when the deciding request was accepted: on or after the expiry the hold
    is as good as expired, whether or not the expiry job has run yet."""
    if hold.status != ACTIVE or at >= hold.expires_at:
        raise errors.HoldNotActive()


def capture_amount(hold: Hold, requested: Decimal | None) -> Decimal:
    """What a capture takes: `requested`, or everything held; never more."""
    amount = hold.amount if requested is None else requested
    if amount > hold.amount:
        raise errors.CaptureExceedsHold(format_amount(hold.amount))
    return amount


def plan_capture(hold: Hold, payer: WalletState, payee: WalletState,
                 amount: Decimal) -> list[Leg]:
    """The transfer a capture posts. The money is already reserved, so no balance check:
    the payer committed to it. A payer's own freeze or PIN lockout does not stop it
    (they could otherwise dodge a payment they authorised); an administrator's freeze
    does. The payee must still be able to receive."""
    if payer.status == CLOSED:
        raise errors.WalletClosed()
    if payer.status == FROZEN and payer.freeze_reason == ADMIN:
        raise errors.WalletFrozen()
    ensure_can_receive(payee.status, payee.freeze_reason)
    capture_amount(hold, amount)
    return [
        Leg(-amount, wallet_id=payer.wallet_id, counterparty_wallet_id=payee.wallet_id),
        Leg(amount, wallet_id=payee.wallet_id, counterparty_wallet_id=payer.wallet_id),
    ]


def decided(hold: Hold, operation_type: str, captured: Decimal | None = None) -> Hold:
    """The hold once `operation_type` (capture, void or expire) decided it."""
    return replace(hold, status=DECIDED_BY[operation_type],
                   captured_amount=captured if operation_type == CAPTURE else Decimal("0.00"))


# --- who may do what (checked when the request arrives) ------------------------------
def role_of(hold_parties: tuple[uuid.UUID, uuid.UUID], user_id: uuid.UUID) -> str | None:
    """PAYER or PAYEE for a party (payer_user, payee_user), else None."""
    payer, payee = (str(party) for party in hold_parties)
    return PAYEE if str(user_id) == payee else PAYER if str(user_id) == payer else None


def ensure_may_capture(role: str | None) -> None:
    """Only the payee captures. Anyone else who is not a party does not see the hold."""
    if role is None:
        raise errors.HoldNotFound()
    if role != PAYEE:
        raise errors.InsufficientPermissions("Only the payee can capture a hold")


def voids_as_staff(hold_parties: tuple[uuid.UUID, uuid.UUID], user_id: uuid.UUID,
                   user_role: str) -> bool:
    """Whether a void is a privileged action (audited). The payee voids their own hold
    as a payee; a moderator or above who is not a party voids as staff; a moderator who
    is the payer is refused (segregation of duties, domain/duties.py: nobody uses a
    privileged role on their own affairs); anyone else cannot."""
    role = role_of(hold_parties, user_id)
    if role == PAYEE:
        return False
    if not has_role(user_role, "moderator"):
        if role is None:
            raise errors.HoldNotFound()
        raise errors.InsufficientPermissions("Only the payee or a moderator can void a hold")
    ensure_not_party(user_id, hold_parties, "Another moderator must void a hold you are a party to")
    return True
