"""Dispute rows, the disputed ledger row, and how much of a transaction was refunded.

Functions take the caller's session and never commit.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Row, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session, aliased

from db import paging
from db.models import Dispute, Journal, LedgerEntry, Operation, Wallet
from domain import disputes as rules

# A refund counts against the original amount unless it failed: a queued one may
# still post.
PENDING_OR_DONE = ("queued", "processing", "completed")

_Earlier, _EarlierRefund = aliased(Dispute), aliased(Operation)
_REFUNDED = (
    select(func.coalesce(func.sum(_EarlierRefund.amount), 0))
    .select_from(_Earlier)
    .join(_EarlierRefund, _EarlierRefund.id == _Earlier.refund_operation_id)
    .where(_Earlier.transaction_id == Dispute.transaction_id,
           _EarlierRefund.status.in_(PENDING_OR_DONE))
    .scalar_subquery()
)

_VIEW = (
    select(
        Dispute.id.label("dispute_id"),
        Dispute.user_id,
        Dispute.wallet_id,
        Dispute.transaction_id,
        Journal.reference_id,
        Journal.category,
        func.abs(LedgerEntry.amount).label("amount"),
        Journal.currency,
        Dispute.reason,
        Dispute.status,
        Dispute.resolution_notes,
        Dispute.resolved_by,
        Dispute.resolved_at,
        Dispute.refund_amount,
        Dispute.refund_operation_id,
        Operation.status.label("refund_status"),
        Operation.error_code.label("refund_error_code"),
        func.greatest(func.abs(LedgerEntry.amount) - _REFUNDED, 0).label("refundable_amount"),
        Dispute.created_at,
        Dispute.updated_at,
    )
    .join(LedgerEntry, LedgerEntry.id == Dispute.transaction_id)
    .join(Journal, Journal.id == LedgerEntry.journal_id)
    .outerjoin(Operation, Operation.id == Dispute.refund_operation_id)
)


def disputed_row(session: Session, transaction_id: uuid.UUID):
    """The ledger row with what the rules need, and the user whose wallet it is."""
    return session.execute(
        select(
            LedgerEntry.id, LedgerEntry.wallet_id, LedgerEntry.amount,
            LedgerEntry.counterparty_wallet_id, LedgerEntry.created_at,
            Journal.category, Journal.currency, Journal.reference_id,
            Wallet.user_id,
        )
        .join(Journal, Journal.id == LedgerEntry.journal_id)
        .join(Wallet, Wallet.id == LedgerEntry.wallet_id)
        .where(LedgerEntry.id == transaction_id)
    ).one_or_none()


def insert_open(session: Session, user_id: uuid.UUID, wallet_id: str,
                transaction_id: uuid.UUID, reason: str) -> uuid.UUID | None:
    """None when the transaction already has an open dispute (the partial unique
    index decides, so two concurrent requests cannot both open one)."""
    return session.execute(
        pg_insert(Dispute)
        .values(id=uuid.uuid4(), user_id=user_id, wallet_id=wallet_id,
                transaction_id=transaction_id, reason=reason)
        .on_conflict_do_nothing(index_elements=[Dispute.transaction_id],
                                index_where=Dispute.status == rules.OPEN)
        .returning(Dispute.id)
    ).scalar_one_or_none()


def lock(session: Session, dispute_id: uuid.UUID) -> Dispute | None:
    return session.execute(
        select(Dispute).where(Dispute.id == dispute_id).with_for_update()
    ).scalar_one_or_none()


def serialize_refunds_of(session: Session, transaction_id: uuid.UUID) -> None:
    """Held to commit: two resolutions refunding one transaction run one after the other,
    so the second sees the first one's refund when it checks what is left."""
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext('vp:refunds:' || :tx))"),
                    {"tx": str(transaction_id)})


def refunded(session: Session, transaction_id: uuid.UUID, statuses: tuple[str, ...],
             excluding: uuid.UUID | None = None) -> Decimal:
    query = (
        select(func.coalesce(func.sum(Operation.amount), 0))
        .select_from(Dispute)
        .join(Operation, Operation.id == Dispute.refund_operation_id)
        .where(Dispute.transaction_id == transaction_id, Operation.status.in_(statuses))
    )
    if excluding is not None:
        query = query.where(Operation.id != excluding)
    return Decimal(session.execute(query).scalar_one())


def refund_cap(session: Session, refund_id: uuid.UUID,
               dispute_id: str) -> tuple[uuid.UUID, Decimal, Decimal]:
    """The transaction a refund operation refunds, its amount, and what completed
    refunds of it (other than this one) paid back: the posting engine's refund cap."""
    dispute = session.get(Dispute, uuid.UUID(dispute_id))
    original = -session.execute(
        select(LedgerEntry.amount).where(LedgerEntry.id == dispute.transaction_id)
    ).scalar_one()
    done = refunded(session, dispute.transaction_id, ("completed",), excluding=refund_id)
    return dispute.transaction_id, original, done


def resolve(session: Session, dispute: Dispute, status: str, notes: str, resolver: uuid.UUID,
            refund: Row | None) -> None:
    dispute.status = status
    dispute.resolution_notes = notes
    dispute.resolved_by = resolver
    dispute.resolved_at = func.now()
    dispute.updated_at = func.now()
    if refund is not None:
        dispute.refund_amount = refund.amount
        dispute.refund_operation_id = refund.id


def view(session: Session, dispute_id: uuid.UUID, user_id: uuid.UUID | None = None):
    query = _VIEW.where(Dispute.id == dispute_id)
    if user_id is not None:
        query = query.where(Dispute.user_id == user_id)
    return session.execute(query).mappings().one_or_none()


def page(session: Session, *, user_id: uuid.UUID | None = None, status: str | None = None,
         page: int, per_page: int) -> tuple[list, int]:
    query = _VIEW
    if user_id is not None:
        query = query.where(Dispute.user_id == user_id)
    if status:
        query = query.where(Dispute.status == status)
    rows, total = paging.page_of(session, query, (Dispute.created_at.desc(), Dispute.id), page, per_page)
    return list(rows.mappings().all()), total


def now(session: Session) -> datetime:
    return session.execute(select(func.now())).scalar_one()
