"""What the posting engine (domain/posting.py) reads and writes, in the caller's
transaction: operations as the engine sees them, the state it posts against (loaded
under row locks), and the rows it asks for (written set-based, whatever their number).

Locks are taken in one global order by every posting: operation rows, then wallet rows
in id order, then the holds decided in id order, then system accounts in id order, then
FX quotes in id order.
"""
from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from db import disputes, fx, ledger
from db import holds as hold_rows
from db import limits as limit_rows
from domain import fx as fx_rules
from domain import limits as rules
from domain.ledger import CAPTURE, EXPIRE, REFUND, VOID, wallets_of
from domain.posting import Operation, Postings, RefundCap, State, system_accounts_of


def lock_unfinished(session: Session, operations: list[Operation]) -> list[Operation]:
    """Row locks on the operations; those still unfinished under lock, in their order
    (another worker may have finished some meanwhile)."""
    unfinished = ledger.lock_claimed(session, [op.id for op in operations])
    return [op for op in operations if op.id in unfinished]


def load_state(session: Session, operations: list[Operation]) -> State:
    """Everything the engine reads for these operations, locked: their wallets (with
    owners and held amounts), the holds they decide, system accounts, limits and usage so
    far, refund caps, FX quotes."""
    rows = ledger.lock_wallets_of_batch(session, set().union(*map(wallets_of, operations)))
    holds = hold_rows.lock(session, {uuid.UUID(op.payload["hold_id"]) for op in operations
                                     if op.type in (CAPTURE, VOID, EXPIRE)})
    limits, usage = _limits_and_usage(session, operations)
    refund_of, caps = _refund_caps(session, operations)
    return State(
        wallets={wallet_id: ledger.wallet_state(row) for wallet_id, row in rows.items()},
        owners={wallet_id: row.user_id for wallet_id, row in rows.items()},
        accounts=ledger.lock_system_accounts(session, system_accounts_of(operations)),
        limits=limits, usage=usage, refund_of=refund_of, refund_caps=caps,
        quotes=fx.lock_quotes(session, _quote_ids(operations)), holds=holds)


def write(session: Session, postings: Postings) -> None:
    """The journals, entries, balances and held amounts, the holds placed and decided,
    and every operation's final state: all in the posting's one transaction, so a hold
    changes exactly when its operation completes."""
    ledger.write_batch(session, postings.journals, postings.entries, postings.wallet_balances,
                       postings.account_balances, postings.wallet_held)
    hold_rows.write(session, postings.new_holds, postings.decided_holds)
    ledger.finish_batch(session, [
        {"id": each.id, "status": each.status, "reference_id": each.reference_id,
         "error_code": each.error_code, "error_message": each.error_message}
        for each in postings.outcomes])
    fx.mark_used(session, postings.quotes_used)


def _quote_ids(operations: list[Operation]) -> set[uuid.UUID]:
    return {quote_id for quote_id in map(fx_rules.quote_id_of, operations) if quote_id}


def _limits_and_usage(session: Session, operations: list[Operation]):
    """Every limit the operations need and every sender's usage so far: two queries."""
    limited = [op for op in operations if rules.action_of(op.type) is not None]
    if not limited:
        return {}, {}
    wallet_ids = sorted({op.wallet_id for op in limited})
    actions = tuple(sorted({rules.action_of(op.type) for op in limited}))
    applicable = limit_rows.applicable_limits_of(session, wallet_ids, actions)
    periods = rules.periods(next(iter(applicable.values())).now, limit_rows.process_zone())
    # Every type that uses up these actions' limits (a send and a hold share send_money).
    types = tuple(sorted({kind for action in actions for kind in rules.TYPES_OF_ACTION[action]}))
    return ({key: found.limits for key, found in applicable.items()},
            limit_rows.usage_of(session, wallet_ids, types, periods))


def _refund_caps(session: Session, operations: list[Operation]):
    """For each refund, the disputed transaction it refunds, and each such transaction's
    cap. Read under the disputer's wallet row lock, which every refund of the
    transaction takes, so no other refund of it can complete meanwhile."""
    refund_of: dict[uuid.UUID, uuid.UUID] = {}
    caps: dict[uuid.UUID, RefundCap] = {}
    for op in operations:
        if op.type != REFUND:
            continue
        transaction_id, original, refunded = disputes.refund_cap(session, op.id, op.payload["dispute_id"])
        refund_of[op.id] = transaction_id
        caps.setdefault(transaction_id, RefundCap(original, refunded))
    return refund_of, caps
