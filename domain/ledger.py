"""Posting rules: which legs an operation posts, and when it must be refused.

A posting is a journal whose legs sum to zero. Money enters and leaves through system
accounts (`external:topup:INR`, `external:withdrawal:INR`), which may go negative;
user wallets may not. These functions are pure: the worker loads the wallets under
lock, asks for the legs, and writes them.
"""
from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from decimal import Decimal

from domain import errors
from domain.wallets import CLOSED, ensure_can_move_money, ensure_can_receive

TOPUP, SEND, WITHDRAW, REFUND = "topup", "send", "withdraw", "refund"
OPERATION_TYPES = (TOPUP, SEND, WITHDRAW, REFUND)
CATEGORY = {TOPUP: "topup", SEND: "transfer", WITHDRAW: "withdrawal", REFUND: "refund"}
# Holds (API.md section 14; domain/holds.py): placing one and deciding it. Only a
# capture posts a journal (a transfer, payer to payee); the others change what is held.
HOLD, CAPTURE, VOID, EXPIRE = "hold", "capture", "void", "expire"
HOLD_TYPES = (HOLD, CAPTURE, VOID, EXPIRE)
OPERATION_TYPES += HOLD_TYPES
CATEGORY[CAPTURE] = "transfer"
# One item of a bulk payout (domain/payouts.py): a transfer from the payer to one
# recipient, posted like a send, alone, in its payout's index order.
PAYOUT_ITEM = "payout_item"
OPERATION_TYPES += (PAYOUT_ITEM,)
CATEGORY[PAYOUT_ITEM] = "transfer"

_REF_ALPHABET = string.ascii_uppercase + string.digits
_REF_LENGTH = 10


def new_reference_id() -> str:
    """VP-TXN- and 10 characters, uniform over the 36**10 possible ids. One draw from the
    OS's generator, written in base 36: a draw per character (secrets.choice) cost 35 us
    and this 6, once for every operation posted."""
    draw = secrets.randbelow(len(_REF_ALPHABET) ** _REF_LENGTH)
    characters = []
    for _ in range(_REF_LENGTH):
        draw, index = divmod(draw, len(_REF_ALPHABET))
        characters.append(_REF_ALPHABET[index])
    return "VP-TXN-" + "".join(characters)


def system_account(purpose: str, currency: str) -> str:
    return f"external:{purpose}:{currency}"


@dataclass(frozen=True)
class WalletState:
    wallet_id: str
    status: str
    freeze_reason: str | None
    balance: Decimal
    currency: str
    held: Decimal = Decimal("0.00")  # the wallet's active holds (as payer)

    @property
    def available(self) -> Decimal:
        """What money out of the wallet may take: its balance less its active holds."""
        return self.balance - self.held


@dataclass(frozen=True)
class Leg:
    """One entry: `wallet_id` or `system_account` is set, never both."""

    amount: Decimal
    wallet_id: str | None = None
    system_account: str | None = None
    counterparty_wallet_id: str | None = None


def wallets_of(operation) -> set[str]:
    """Every user wallet an operation may move: its own, and the recipient of a send or
    payout item, the wallet a refund is paid back from, or both parties of a hold. The
    locks are taken on exactly these."""
    payload = operation.payload
    if operation.type == REFUND:
        others = {payload.get("source_wallet_id")}
    else:
        others = {payload.get(name) for name in
                  ("recipient_wallet_id", "payer_wallet_id", "payee_wallet_id")}
    return {operation.wallet_id} | (others - {None})


def plan_topup(wallet: WalletState, amount: Decimal) -> list[Leg]:
    ensure_can_move_money(wallet.status, wallet.freeze_reason)
    source = system_account("topup", wallet.currency)
    return [
        Leg(-amount, system_account=source),
        Leg(amount, wallet_id=wallet.wallet_id),
    ]


def plan_withdrawal(wallet: WalletState, amount: Decimal) -> list[Leg]:
    ensure_can_move_money(wallet.status, wallet.freeze_reason)
    ensure_covers(wallet.available, amount)
    sink = system_account("withdrawal", wallet.currency)
    return [
        Leg(-amount, wallet_id=wallet.wallet_id),
        Leg(amount, system_account=sink),
    ]


def plan_transfer(sender: WalletState, recipient: WalletState | None, amount: Decimal) -> list[Leg]:
    """Sender to recipient."""
    ensure_can_move_money(sender.status, sender.freeze_reason)
    if recipient is None:
        raise errors.RecipientWalletNotFound()
    ensure_can_receive(recipient.status, recipient.freeze_reason)
    if recipient.currency != sender.currency:
        # Across currencies a send goes through an FX quote (domain/fx.py).
        raise errors.FxQuoteInvalid("A send to a wallet in another currency needs a quote_id")
    ensure_covers(sender.available, amount)
    return [
        Leg(-amount, wallet_id=sender.wallet_id, counterparty_wallet_id=recipient.wallet_id),
        Leg(amount, wallet_id=recipient.wallet_id, counterparty_wallet_id=sender.wallet_id),
    ]


def plan_refund(disputer: WalletState, payer: WalletState | None, amount: Decimal) -> list[Leg]:
    """Money back to the disputer: from the wallet that was paid (a send), or from the
    external withdrawal account when `payer` is None (a withdrawal the bank returned).

    A refund is the platform correcting a posting, not the holder spending, so a
    frozen wallet on either side does not stop it; a closed disputer wallet does.
    """
    if disputer.status == CLOSED:
        raise errors.WalletClosed()
    if payer is None:
        source = Leg(-amount, system_account=system_account("withdrawal", disputer.currency))
        return [source, Leg(amount, wallet_id=disputer.wallet_id)]
    if payer.currency != disputer.currency:
        raise errors.RecipientWalletInactive()
    ensure_covers(payer.available, amount)
    return [
        Leg(-amount, wallet_id=payer.wallet_id, counterparty_wallet_id=disputer.wallet_id),
        Leg(amount, wallet_id=disputer.wallet_id, counterparty_wallet_id=payer.wallet_id),
    ]


def ensure_covers(available: Decimal, amount: Decimal) -> None:
    """Money out of a user wallet: what is available (the balance less active holds)
    must cover it (checked early at submit, and again by the posting engine under
    lock)."""
    if available < amount:
        raise errors.InsufficientBalance()


def is_balanced(legs: list[Leg]) -> bool:
    return sum((leg.amount for leg in legs), Decimal(0)) == 0
