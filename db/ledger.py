"""Ledger writes for the posting job. Every function takes the caller's session and
never commits: the posting job's unit of work owns the transaction."""
from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db.models import Journal, LedgerEntry, Operation, SystemAccount, Wallet
from domain.ledger import Leg, WalletState


def lock_operation(session: Session, operation_id: uuid.UUID) -> Operation | None:
    return session.execute(
        select(Operation).where(Operation.id == operation_id).with_for_update()
    ).scalar_one_or_none()


def lock_wallets(session: Session, wallet_ids: list[str]) -> dict[str, WalletState]:
    """Row locks in sorted id order, the same order as the Redis locks."""
    rows = session.execute(
        select(Wallet.id, Wallet.status, Wallet.freeze_reason, Wallet.balance, Wallet.currency)
        .where(Wallet.id.in_(sorted(set(wallet_ids))))
        .order_by(Wallet.id)
        .with_for_update()
    ).all()
    return {row.id: WalletState(row.id, row.status, row.freeze_reason, row.balance, row.currency)
            for row in rows}


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
        for leg in _in_lock_order(legs)
    ]
    session.execute(insert(LedgerEntry), entries)
    return journal_id


def _in_lock_order(legs: list[Leg]) -> list[Leg]:
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
