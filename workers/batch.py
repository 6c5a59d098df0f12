"""Posting a claimed batch of operations in one database transaction.

The batch is applied in acceptance order against balances and limit usage kept in
memory, under the row locks of every wallet it touches, and written set-based: one
statement each for journals, entries, wallet balances, system-account balances,
operation states and notifications, whatever the batch's size. An operation the rules
refuse (an overdraft, a frozen wallet, a limit) fails alone; its batch-mates post.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy.orm import Session

from db import ledger
from db import limits as limit_rows
from domain import errors
from domain import limits as rules
from domain.ledger import (
    CATEGORY,
    SEND,
    TOPUP,
    WITHDRAW,
    Leg,
    new_reference_id,
    plan_topup,
    plan_transfer,
    plan_withdrawal,
    system_account,
    wallets_of,
)
from workers import events

# Types the batch posts; a refund re-checks its dispute's cap and goes alone.
BATCHED_TYPES = frozenset({SEND, TOPUP, WITHDRAW})


@dataclass
class Posted:
    """One operation's outcome, with the attributes events.notices reads."""

    id: uuid.UUID
    user_id: uuid.UUID
    wallet_id: str
    type: str
    amount: Decimal
    currency: str
    created_at: object
    request_id: str | None
    status: str = "completed"
    reference_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    credited: list[tuple[str, uuid.UUID]] = field(default_factory=list)


def post(session: Session, operations: list) -> list[Posted]:
    """Post claimed operations (oldest first) in the caller's transaction; returns the
    outcome of each one still unfinished under lock (others finished them meanwhile)."""
    unfinished = ledger.lock_claimed(session, [op.id for op in operations])
    operations = [op for op in operations if op.id in unfinished]
    if not operations:
        return []
    rows = ledger.lock_wallets_of_batch(session, set().union(*map(wallets_of, operations)))
    operations = _in_wallet_order(session, operations)
    if not operations:
        return []
    book = _Book(session, operations, rows)
    outcomes = [book.apply(op) for op in operations]
    ledger.write_batch(session, book.journals, book.entries, book.changed_wallets(),
                       book.changed_accounts())
    ledger.finish_batch(session, [_outcome_row(each) for each in outcomes])
    events.operations_finished(session, outcomes)
    return outcomes


def _in_wallet_order(session: Session, operations: list) -> list:
    """The operations that may post now; the others, behind an earlier operation of
    their wallet that another worker holds, go back to the queue to wait for it (not a
    failed delivery), so each wallet's operations complete in acceptance order
    whichever worker or host claimed them."""
    behind = ledger.behind_earlier(session, operations)
    if behind:
        ledger.unclaim(session, list(behind))
    return [op for op in operations if op.id not in behind]


class _Book:
    """The batch's running state: balances, limit usage, and the rows to write."""

    def __init__(self, session: Session, operations: list, rows: dict) -> None:
        self.owners = {wallet_id: row.user_id for wallet_id, row in rows.items()}
        self.wallets = {wallet_id: ledger.wallet_state(row) for wallet_id, row in rows.items()}
        self._moved: set[str] = set()
        self.accounts = ledger.lock_system_accounts(session, _system_accounts(operations))
        self._accounts_moved: set[str] = set()
        self._limits, self._used = _limits_and_usage(session, operations)
        self.journals: list[dict] = []
        self.entries: list[dict] = []

    def apply(self, operation) -> Posted:
        posted = Posted(operation.id, operation.user_id, operation.wallet_id, operation.type,
                        operation.amount, operation.currency, operation.created_at,
                        operation.request_id)
        try:
            legs = self._plan(operation)
            self._check_limits(operation)
        except errors.VaultPayError as refused:
            posted.status = "failed"
            posted.error_code, posted.error_message = refused.error_code, refused.message
            return posted
        posted.reference_id = new_reference_id()
        self._write(operation, posted, legs)
        return posted

    def _plan(self, operation) -> list[Leg]:
        wallet = self.wallets[operation.wallet_id]
        if operation.type == TOPUP:
            return plan_topup(wallet, operation.amount)
        if operation.type == WITHDRAW:
            return plan_withdrawal(wallet, operation.amount)
        recipient = self.wallets.get(operation.payload["recipient_wallet_id"])
        return plan_transfer(wallet, recipient, operation.amount)

    def _check_limits(self, operation) -> None:
        action = rules.action_of(operation.type)
        if action is None:
            return
        limits = self._limits[(operation.wallet_id, action)].limits
        used = self._used.get((operation.wallet_id, operation.type), rules.NOTHING_USED)
        rules.refuse(limits, operation.amount, used)
        # Later operations of this batch see this one as used, as if it had committed.
        self._used[(operation.wallet_id, operation.type)] = rules.Usage(
            today=used.today + operation.amount, this_month=used.this_month + operation.amount)

    def _write(self, operation, posted: Posted, legs: list[Leg]) -> None:
        journal_id = uuid.uuid4()
        description, metadata = journal_text(operation.payload)
        self.journals.append({
            "id": journal_id, "reference_id": posted.reference_id, "operation_id": operation.id,
            "category": CATEGORY[operation.type], "currency": operation.currency,
            "description": description, "metadata_": metadata,
        })
        for leg in ledger.in_lock_order(legs):
            self.entries.append({
                "id": uuid.uuid4(), "journal_id": journal_id, "wallet_id": leg.wallet_id,
                "system_account_id": leg.system_account,
                "counterparty_wallet_id": leg.counterparty_wallet_id, "amount": leg.amount,
                "balance_after": self._move(leg),
            })
            if leg.wallet_id is not None and leg.amount > 0:
                posted.credited.append((leg.wallet_id, self.owners[leg.wallet_id]))

    def _move(self, leg: Leg) -> Decimal:
        if leg.wallet_id is not None:
            wallet = self.wallets[leg.wallet_id]
            self.wallets[leg.wallet_id] = replace(wallet, balance=wallet.balance + leg.amount)
            self._moved.add(leg.wallet_id)
            return wallet.balance + leg.amount
        self.accounts[leg.system_account] += leg.amount
        self._accounts_moved.add(leg.system_account)
        return self.accounts[leg.system_account]

    def changed_wallets(self) -> dict[str, Decimal]:
        return {w: self.wallets[w].balance for w in self._moved}

    def changed_accounts(self) -> dict[str, Decimal]:
        return {a: self.accounts[a] for a in self._accounts_moved}


def _system_accounts(operations: list) -> dict[str, str]:
    purpose = {TOPUP: "topup", WITHDRAW: "withdrawal"}
    return {system_account(purpose[op.type], op.currency): op.currency
            for op in operations if op.type in purpose}


def _limits_and_usage(session: Session, operations: list):
    """Every limit the batch needs and every sender's usage so far: two queries."""
    limited = [op for op in operations if rules.action_of(op.type) is not None]
    if not limited:
        return {}, {}
    wallet_ids = sorted({op.wallet_id for op in limited})
    actions = tuple(sorted({rules.action_of(op.type) for op in limited}))
    applicable = limit_rows.applicable_limits_of(session, wallet_ids, actions)
    now = next(iter(applicable.values())).now
    periods = rules.periods(now, limit_rows.process_zone())
    types = tuple(sorted({op.type for op in limited}))
    return applicable, limit_rows.usage_of(session, wallet_ids, types, periods)


def journal_text(payload: dict) -> tuple[str | None, dict]:
    """The journal's description and metadata, from what the request carried."""
    payload = dict(payload)
    description = payload.pop("description", None)
    payload.pop("recipient_wallet_id", None)
    metadata = payload.pop("metadata", None) or {}
    return description, {**payload, **metadata}


def _outcome_row(posted: Posted) -> dict:
    return {"id": posted.id, "status": posted.status, "reference_id": posted.reference_id,
            "error_code": posted.error_code, "error_message": posted.error_message}
