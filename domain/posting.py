"""The posting engine: the arithmetic of posting a run of operations, over state the
caller has already loaded and locked.

One function, `post`, serves every path (a batch of many, one operation alone, a
refund): it applies the operations in acceptance order against running wallet and
system-account balances, limit usage and refund caps, and returns the rows to write
and each operation's outcome. An operation the rules refuse (an overdraft, a frozen
wallet, a limit, a refund above what is left) fails alone; the others post, and see
the earlier ones as if they had committed. It reads no clock and touches no database:
new ids and reference numbers are the only things it makes up.

Money out of a wallet is checked against what is available: its balance less its
active holds. Holds are operation types of this same engine (domain/holds.py):
placing one reserves money, capturing one posts a transfer and releases the hold,
voiding or expiring one releases it; the first decision posted wins.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from domain import errors, fx
from domain import holds as hold_rules
from domain import limits as rules
from domain.disputes import ensure_within_refundable
from domain.holds import Hold
from domain.ledger import (
    CAPTURE,
    CATEGORY,
    EXPIRE,
    HOLD,
    HOLD_TYPES,
    PAYOUT_ITEM,
    REFUND,
    SEND,
    TOPUP,
    WITHDRAW,
    Leg,
    WalletState,
    new_reference_id,
    plan_refund,
    plan_topup,
    plan_transfer,
    plan_withdrawal,
    system_account,
)

COMPLETED, FAILED = "completed", "failed"


@dataclass(frozen=True)
class Operation:
    """An accepted operation, as every posting path sees it."""

    id: uuid.UUID
    user_id: uuid.UUID
    wallet_id: str
    type: str
    amount: Decimal
    currency: str
    payload: dict
    created_at: datetime
    request_id: str | None = None
    deliveries: int = 0
    trace_context: dict | None = None


@dataclass
class RefundCap:
    """How much of a disputed transaction may still be refunded: its amount, and what
    completed refunds of it already paid back."""

    original: Decimal
    refunded: Decimal


@dataclass
class State:
    """What the engine reads, loaded under lock. Keys: `limits` by (wallet id, limit
    action), `usage` by (wallet id, operation type), `refund_of` maps a refund
    operation's id to the disputed transaction it refunds, `refund_caps` is by that
    transaction."""

    wallets: dict[str, WalletState]
    owners: dict[str, uuid.UUID]
    accounts: dict[str, Decimal] = field(default_factory=dict)
    limits: dict[tuple[str, str], rules.Limits] = field(default_factory=dict)
    usage: dict[tuple[str, str], rules.Usage] = field(default_factory=dict)
    refund_of: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    refund_caps: dict[uuid.UUID, RefundCap] = field(default_factory=dict)
    # The FX quotes the batch's sends across currencies carry, by id (locked).
    quotes: dict[uuid.UUID, fx.Quote] = field(default_factory=dict)
    # The holds that captures, voids and expiries decide, by id (locked).
    holds: dict[uuid.UUID, Hold] = field(default_factory=dict)


@dataclass
class Outcome:
    """One operation's result, with what its announcements need."""

    operation: Operation
    status: str = COMPLETED
    reference_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    credited: list[tuple[str, uuid.UUID]] = field(default_factory=list)
    # A hold operation that posted: the hold as it left it, and its (payer, payee) users.
    hold: Hold | None = None
    hold_parties: tuple[uuid.UUID, uuid.UUID] | None = None

    def __getattr__(self, name: str):
        # id, user_id, wallet_id, type, amount, currency, created_at, request_id...
        if name == "operation":  # not set yet (copying): no recursion
            raise AttributeError(name)
        return getattr(self.operation, name)


@dataclass
class Postings:
    """The rows to write: journals, entries, the new balances of what moved, and every
    operation's outcome."""

    journals: list[dict] = field(default_factory=list)
    entries: list[dict] = field(default_factory=list)
    wallet_balances: dict[str, Decimal] = field(default_factory=dict)
    account_balances: dict[str, Decimal] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    # FX quotes now used: quote id -> the operation that used it.
    quotes_used: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    # What holds change: each wallet's new held amount, holds placed, holds decided.
    wallet_held: dict[str, Decimal] = field(default_factory=dict)
    new_holds: list[dict] = field(default_factory=list)
    decided_holds: list[dict] = field(default_factory=list)


def post(state: State, operations: list[Operation]) -> Postings:
    """Post `operations` (oldest first) against `state`, which it updates as it goes."""
    postings = Postings()
    for operation in operations:
        postings.outcomes.append(_post_one(state, postings, operation))
    return postings


def failed(operation: Operation, refusal: errors.VaultPayError) -> Outcome:
    return Outcome(operation, FAILED, error_code=refusal.error_code, error_message=refusal.message)


def system_accounts_of(operations: list[Operation]) -> dict[str, str]:
    """The system accounts (id -> currency) these operations may move."""
    purpose = {TOPUP: "topup", WITHDRAW: "withdrawal"}
    found = {system_account(purpose[op.type], op.currency): op.currency
             for op in operations if op.type in purpose}
    found |= {system_account("withdrawal", op.currency): op.currency
              for op in operations if op.type == REFUND and not op.payload.get("source_wallet_id")}
    return found | fx.system_accounts_of(operations)


def journal_text(payload: dict) -> tuple[str | None, dict]:
    """The journal's description and metadata, from what the request carried."""
    payload = dict(payload)
    description = payload.pop("description", None)
    for counterparty in ("recipient_wallet_id", "payer_wallet_id", "payee_wallet_id"):
        payload.pop(counterparty, None)
    metadata = payload.pop("metadata", None) or {}
    return description, {**payload, **metadata}


def _post_one(state: State, postings: Postings, operation: Operation) -> Outcome:
    try:
        _ensure_refund_fits(state, operation)
        legs = _plan(state, operation)
        _count_limits(state, operation)
    except errors.VaultPayError as refusal:
        return failed(operation, refusal)
    _count_refund(state, operation)
    _use_quote(state, postings, operation)
    outcome = Outcome(operation, reference_id=new_reference_id())
    if legs:  # placing, voiding or expiring a hold moves no money
        _write(state, postings, outcome, legs)
    if operation.type in HOLD_TYPES:
        _change_hold(state, postings, outcome)
    return outcome


def _plan(state: State, operation: Operation) -> list[Leg]:
    wallet = state.wallets[operation.wallet_id]
    if operation.type == TOPUP:
        return plan_topup(wallet, operation.amount)
    if operation.type == WITHDRAW:
        return plan_withdrawal(wallet, operation.amount)
    if operation.type in (SEND, PAYOUT_ITEM):
        recipient = state.wallets.get(operation.payload["recipient_wallet_id"])
        quote_id = fx.quote_id_of(operation)
        if quote_id is not None:
            return fx.plan_fx_transfer(wallet, recipient, state.quotes.get(quote_id), operation)
        return plan_transfer(wallet, recipient, operation.amount)
    if operation.type == REFUND:
        # `wallet_id` is the disputer's (credited); `source_wallet_id` the wallet paid
        # back from, absent for a withdrawal the bank returned.
        source = operation.payload.get("source_wallet_id")
        return plan_refund(wallet, state.wallets[source] if source else None, operation.amount)
    if operation.type == HOLD:
        payee = state.wallets.get(operation.payload["payee_wallet_id"])
        hold_rules.ensure_may_place(wallet, payee, operation.amount)
        return []
    if operation.type in HOLD_TYPES:
        return _plan_decision(state, operation)
    raise ValueError(f"unknown operation type {operation.type!r}")


def _plan_decision(state: State, operation: Operation) -> list[Leg]:
    """A capture, void or expiry: the first to be posted decides the hold."""
    hold = state.holds.get(uuid.UUID(operation.payload["hold_id"]))
    if hold is None:
        raise errors.HoldNotFound()
    if operation.type == EXPIRE:
        # Made by the expiry job once the hold is past its expiry: only a decision
        # posted before it can stop it.
        if hold.status != hold_rules.ACTIVE:
            raise errors.HoldNotActive()
        return []
    hold_rules.ensure_active(hold, operation.created_at)
    if operation.type != CAPTURE:
        return []
    # Both wallets were locked: the operation names them (domain.ledger.wallets_of).
    return hold_rules.plan_capture(hold, state.wallets[hold.payer_wallet_id],
                                   state.wallets[hold.payee_wallet_id], operation.amount)


def _change_hold(state: State, postings: Postings, outcome: Outcome) -> None:
    """Place or decide the hold, and move the payer's held amount with it."""
    operation = outcome.operation
    if operation.type == HOLD:
        hold = Hold(
            id=uuid.UUID(operation.payload["hold_id"]), payer_wallet_id=operation.wallet_id,
            payee_wallet_id=operation.payload["payee_wallet_id"], amount=operation.amount,
            currency=operation.currency, description=operation.payload.get("description"),
            expires_at=hold_rules.expires_at(operation.created_at,
                                             operation.payload["expires_in_s"]))
        postings.new_holds.append({
            "id": hold.id, "operation_id": operation.id, "payer_wallet_id": hold.payer_wallet_id,
            "payee_wallet_id": hold.payee_wallet_id, "amount": hold.amount,
            "currency": hold.currency, "description": hold.description,
            "expires_at": hold.expires_at, "created_at": operation.created_at})
        _hold_more(state, postings, hold.payer_wallet_id, hold.amount)
    else:
        before = state.holds[uuid.UUID(operation.payload["hold_id"])]
        hold = hold_rules.decided(before, operation.type, operation.amount)
        postings.decided_holds.append({
            "id": hold.id, "status": hold.status, "captured_amount": hold.captured_amount,
            "finish_operation_id": operation.id})
        _hold_more(state, postings, hold.payer_wallet_id, -before.amount)
    state.holds[hold.id] = hold
    outcome.hold = hold
    outcome.hold_parties = (state.owners[hold.payer_wallet_id], state.owners[hold.payee_wallet_id])


def _hold_more(state: State, postings: Postings, wallet_id: str, amount: Decimal) -> None:
    wallet = state.wallets[wallet_id]
    state.wallets[wallet_id] = replace(wallet, held=wallet.held + amount)
    postings.wallet_held[wallet_id] = wallet.held + amount


def _count_limits(state: State, operation: Operation) -> None:
    action = rules.action_of(operation.type)
    if action is None:
        return
    # Every type of the action counts (a send and a hold share send_money's limits).
    used = rules.used_by_action(action, {
        kind: state.usage[(operation.wallet_id, kind)] for kind in rules.TYPES_OF_ACTION[action]
        if (operation.wallet_id, kind) in state.usage})
    rules.refuse(state.limits[(operation.wallet_id, action)], operation.amount, used)
    # Later operations see this one as used, as if it had committed.
    key = (operation.wallet_id, operation.type)
    mine = state.usage.get(key, rules.NOTHING_USED)
    state.usage[key] = rules.Usage(today=mine.today + operation.amount,
                                   this_month=mine.this_month + operation.amount)


def _ensure_refund_fits(state: State, operation: Operation) -> None:
    if operation.type == REFUND:
        cap = state.refund_caps[state.refund_of[operation.id]]
        ensure_within_refundable(cap.original, cap.refunded, operation.amount)


def _count_refund(state: State, operation: Operation) -> None:
    if operation.type == REFUND:
        state.refund_caps[state.refund_of[operation.id]].refunded += operation.amount


def _use_quote(state: State, postings: Postings, operation: Operation) -> None:
    # Later operations of the run see the quote used, as if this one had committed.
    quote_id = fx.quote_id_of(operation)
    if quote_id is not None:
        state.quotes[quote_id] = replace(state.quotes[quote_id], used_by=operation.id)
        postings.quotes_used[quote_id] = operation.id


def _write(state: State, postings: Postings, outcome: Outcome, legs: list[Leg]) -> None:
    operation = outcome.operation
    journal_id = uuid.uuid4()
    description, metadata = journal_text(operation.payload)
    postings.journals.append({
        "id": journal_id, "reference_id": outcome.reference_id, "operation_id": operation.id,
        "category": CATEGORY[operation.type], "currency": operation.currency,
        "description": description, "metadata": metadata,
    })
    for leg in in_lock_order(legs):
        postings.entries.append({
            "id": uuid.uuid4(), "journal_id": journal_id, "wallet_id": leg.wallet_id,
            "system_account_id": leg.system_account,
            "counterparty_wallet_id": leg.counterparty_wallet_id, "amount": leg.amount,
            "balance_after": _move(state, postings, leg),
        })
        if leg.wallet_id is not None and leg.amount > 0:
            outcome.credited.append((leg.wallet_id, state.owners[leg.wallet_id]))


def in_lock_order(legs: list[Leg]) -> list[Leg]:
    # Wallets (already locked, sorted) first, then system accounts in id order:
    # every transaction takes row locks in this one global order.
    return sorted(legs, key=lambda leg: (leg.wallet_id is None, leg.wallet_id or leg.system_account))


def _move(state: State, postings: Postings, leg: Leg) -> Decimal:
    if leg.wallet_id is not None:
        wallet = state.wallets[leg.wallet_id]
        state.wallets[leg.wallet_id] = replace(wallet, balance=wallet.balance + leg.amount)
        postings.wallet_balances[leg.wallet_id] = wallet.balance + leg.amount
        return wallet.balance + leg.amount
    balance = state.accounts.get(leg.system_account, Decimal(0)) + leg.amount
    state.accounts[leg.system_account] = postings.account_balances[leg.system_account] = balance
    return balance
