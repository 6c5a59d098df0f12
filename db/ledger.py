"""Ledger writes for the posting job. Every function takes the caller's session and
never commits: the posting job's unit of work owns the transaction."""
from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import ARRAY, Text, bindparam, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db.models import Journal, LedgerEntry, Operation, SystemAccount, Wallet
from domain.ledger import Leg, WalletState


def lock_operation(session: Session, operation_id: uuid.UUID) -> Operation | None:
    return session.execute(
        select(Operation).where(Operation.id == operation_id).with_for_update()
    ).scalar_one_or_none()


def lock_wallets(session: Session, wallet_ids: set[str]) -> dict[str, WalletState]:
    """Row locks in sorted id order, the same order as the Redis locks."""
    return {wallet_id: wallet_state(row)
            for wallet_id, row in lock_wallets_of_batch(session, wallet_ids).items()}


def wallet_state(row) -> WalletState:
    return WalletState(row.id, row.status, row.freeze_reason, row.balance, row.currency)


def write_journal(session: Session, operation: Operation, category: str, reference_id: str,
                  legs: list[Leg], description: str | None, metadata: dict) -> uuid.UUID:
    journal_id = uuid.uuid4()
    session.execute(insert(Journal).values(
        id=journal_id, reference_id=reference_id, operation_id=operation.id,
        category=category, currency=operation.currency, description=description,
        metadata_=metadata,
    ))
    entries = [
        {
            "id": uuid.uuid4(),
            "journal_id": journal_id,
            "wallet_id": leg.wallet_id,
            "system_account_id": leg.system_account,
            "counterparty_wallet_id": leg.counterparty_wallet_id,
            "amount": leg.amount,
            "balance_after": _apply(session, leg, operation.currency),
        }
        for leg in in_lock_order(legs)
    ]
    session.execute(insert(LedgerEntry), entries)
    return journal_id


def in_lock_order(legs: list[Leg]) -> list[Leg]:
    # Wallets (already locked, sorted) first, then system accounts in id order:
    # every transaction takes row locks in this one global order.
    return sorted(legs, key=lambda leg: (leg.wallet_id is None, leg.wallet_id or leg.system_account))


def _apply(session: Session, leg: Leg, currency: str) -> Decimal:
    if leg.wallet_id is not None:
        return session.execute(
            update(Wallet).where(Wallet.id == leg.wallet_id)
            .values(balance=Wallet.balance + leg.amount, updated_at=func.now())
            .returning(Wallet.balance)
        ).scalar_one()
    # One statement creates the account on first use and moves its balance.
    return session.execute(
        pg_insert(SystemAccount)
        .values(id=leg.system_account, currency=currency, balance=leg.amount)
        .on_conflict_do_update(index_elements=[SystemAccount.id],
                               set_={"balance": SystemAccount.balance + leg.amount})
        .returning(SystemAccount.balance)
    ).scalar_one()


def record_delivery(session: Session, operation_id: uuid.UUID) -> int | None:
    """Count one more delivery of an unfinished operation; None if it is finished."""
    return session.execute(text(
        "UPDATE operations SET deliveries = deliveries + 1, status = 'processing',"
        " updated_at = now() WHERE id = :id AND status IN ('queued', 'processing')"
        " RETURNING deliveries"
    ), {"id": operation_id}).scalar_one_or_none()


def finish(session: Session, operation: Operation, *, reference_id: str | None = None,
           error_code: str | None = None, error_message: str | None = None) -> None:
    operation.status = "failed" if error_code else "completed"
    operation.reference_id = reference_id
    operation.error_code = error_code
    operation.error_message = error_message
    operation.finished_at = func.now()
    operation.updated_at = func.now()


# --- the batched posting path (workers/batch.py) -------------------------------------------
def claim(session: Session, limit: int, own_id: uuid.UUID | None = None) -> list:
    """Claim up to `limit` queued operations, oldest first, plus `own_id` (the job's own
    operation, claimed again whatever its state unless finished: its message came back
    because its last worker died). Claimed rows are 'processing' with one more delivery,
    so two workers never claim one operation and a batch that keeps killing its worker
    is counted. SKIP LOCKED: a second worker takes the next operations, not the same."""
    rows = session.execute(text(
        "WITH own AS (SELECT id FROM operations WHERE id = CAST(:own AS uuid)"
        "  AND status IN ('queued', 'processing') FOR UPDATE),"
        " queued AS (SELECT id FROM operations WHERE status = 'queued'"
        "  ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED)"
        " UPDATE operations o SET status = 'processing', deliveries = o.deliveries + 1,"
        "  updated_at = now()"
        " WHERE o.id IN (SELECT id FROM own UNION SELECT id FROM queued)"
        " RETURNING o.id, o.user_id, o.wallet_id, o.type, o.amount, o.currency, o.payload,"
        "  o.request_id, o.deliveries, o.created_at, o.trace_context"
    ), {"own": own_id, "limit": limit}).all()
    return sorted(rows, key=lambda row: (row.created_at, row.id))


def unclaim(session: Session, operation_ids: list[uuid.UUID], count_delivery: bool = False) -> None:
    """Put claimed operations back at the head of the queue. A batch that only waited
    for a busy wallet was not delivered (its count is undone); one that failed on the
    way to the database was (`count_delivery`), so a repeating failure is bounded."""
    if operation_ids:
        undo = "" if count_delivery else ", deliveries = greatest(deliveries - 1, 0)"
        session.execute(text(
            f"UPDATE operations SET status = 'queued'{undo}"
            " WHERE id = ANY(:ids) AND status = 'processing'"
        ), {"ids": operation_ids})


def behind_earlier(session: Session, operations: list) -> set[uuid.UUID]:
    """The operations of `operations` whose wallet has an earlier operation still
    unfinished outside them (claimed by another worker, or put back to wait): posting
    them now would complete the wallet's operations out of acceptance order. Called
    under the wallet row locks, so an earlier operation being posted elsewhere has
    either committed (finished, seen here) or not started its posting (waited for)."""
    rows = session.execute(text(
        "SELECT b.id FROM unnest(CAST(:ids AS uuid[]), CAST(:wallets AS text[]),"
        "  CAST(:created AS timestamptz[])) AS b(id, wallet_id, created_at)"
        " WHERE EXISTS (SELECT 1 FROM operations o WHERE o.wallet_id = b.wallet_id"
        "  AND o.status IN ('queued', 'processing') AND (o.created_at, o.id) < (b.created_at, b.id)"
        "  AND o.id <> ALL(CAST(:ids AS uuid[])))"
    ), {"ids": [op.id for op in operations], "wallets": [op.wallet_id for op in operations],
        "created": [op.created_at for op in operations]}).scalars().all()
    return set(rows)


def lock_claimed(session: Session, operation_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Row locks on the batch's operations, in id order; the ids still unfinished.
    Re-read under lock: an operation another worker finished meanwhile is left alone."""
    rows = session.execute(text(
        "SELECT id FROM operations WHERE id = ANY(:ids) AND status = 'processing'"
        " ORDER BY id FOR UPDATE"
    ), {"ids": operation_ids}).scalars().all()
    return set(rows)


# Batch statements take their ids as one array parameter and are built once: whatever
# the batch's size, SQLAlchemy neither rebuilds them nor derives their cache key again.
#
# FOR NO KEY UPDATE, not FOR UPDATE: a posting changes balances, never a key, and the
# API's insert of a new operation takes FOR KEY SHARE on its wallet through the foreign
# key. FOR UPDATE would make every send from a wallet being posted wait for that whole
# posting transaction; this lock still excludes every other posting and state change.
_LOCK_WALLETS = (
    select(Wallet.id, Wallet.user_id, Wallet.status, Wallet.freeze_reason, Wallet.balance,
           Wallet.currency)
    .where(Wallet.id == func.any(bindparam("ids", type_=ARRAY(Text))))
    .order_by(Wallet.id).with_for_update(key_share=True)
)
_LOCK_SYSTEM_ACCOUNTS = (
    select(SystemAccount.id, SystemAccount.balance)
    .where(SystemAccount.id == func.any(bindparam("ids", type_=ARRAY(Text))))
    .order_by(SystemAccount.id).with_for_update(key_share=True)
)


def lock_wallets_of_batch(session: Session, wallet_ids: set[str]) -> dict:
    """The batch's wallet rows, locked in id order (the order of every other posting),
    with their owners (the users a credit notifies)."""
    rows = session.execute(_LOCK_WALLETS, {"ids": sorted(wallet_ids)}).all()
    return {row.id: row for row in rows}


def lock_system_accounts(session: Session, accounts: dict[str, str]) -> dict[str, Decimal]:
    """Balances of these system accounts (id -> currency), created at zero on first use,
    locked after the wallets in id order, as the one-at-a-time path does."""
    if not accounts:
        return {}
    ids = sorted(accounts)
    session.execute(
        pg_insert(SystemAccount)
        .values([{"id": i, "currency": accounts[i], "balance": Decimal(0)} for i in ids])
        .on_conflict_do_nothing(index_elements=[SystemAccount.id])
    )
    rows = session.execute(_LOCK_SYSTEM_ACCOUNTS, {"ids": ids}).all()
    return {row.id: row.balance for row in rows}


def write_batch(session: Session, journals: list[dict], entries: list[dict],
                wallet_balances: dict[str, Decimal], system_balances: dict[str, Decimal]) -> None:
    """A batch's postings in four statements: every journal, every entry, and the new
    balances of the wallets and system accounts it moved."""
    if not journals:
        return
    session.execute(insert(Journal), journals)
    session.execute(insert(LedgerEntry), entries)
    _set_balances(session, "wallets", wallet_balances, touch=True)
    _set_balances(session, "system_accounts", system_balances, touch=False)


def _set_balances(session: Session, table: str, balances: dict[str, Decimal], touch: bool) -> None:
    if not balances:
        return
    ids = sorted(balances)
    touched = ", updated_at = now()" if touch else ""
    session.execute(text(
        f"UPDATE {table} t SET balance = v.balance{touched}"
        " FROM unnest(CAST(:ids AS text[]), CAST(:balances AS numeric[])) AS v(id, balance)"
        " WHERE t.id = v.id"
    ), {"ids": ids, "balances": [balances[i] for i in ids]})


def finish_batch(session: Session, outcomes: list[dict]) -> None:
    """Every operation of the batch reaches its final state in one statement."""
    if not outcomes:
        return
    session.execute(text(
        "UPDATE operations o SET status = v.status, reference_id = v.reference_id,"
        " error_code = v.error_code, error_message = v.error_message,"
        " finished_at = now(), updated_at = now()"
        " FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]),"
        "  CAST(:references AS text[]), CAST(:codes AS text[]), CAST(:messages AS text[]))"
        "  AS v(id, status, reference_id, error_code, error_message)"
        " WHERE o.id = v.id"
    ), {
        "ids": [o["id"] for o in outcomes],
        "statuses": [o["status"] for o in outcomes],
        "references": [o["reference_id"] for o in outcomes],
        "codes": [o["error_code"] for o in outcomes],
        "messages": [o["error_message"] for o in outcomes],
    })
