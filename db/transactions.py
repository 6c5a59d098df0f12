"""The user-facing transaction view: one row per wallet entry, joined to its journal.

Read-only queries for the GET endpoints; nothing here writes.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import Select, bindparam, case, func, literal, select
from sqlalchemy.orm import Session

from db import paging
from db.models import Journal, LedgerEntry, Wallet
from db.session import Lookup
from domain import calendar

TRANSACTION_VIEW = select(
    LedgerEntry.id.label("transaction_id"),
    Journal.reference_id,
    Journal.operation_id,
    LedgerEntry.wallet_id,
    case((LedgerEntry.amount < 0, "debit"), else_="credit").label("type"),
    Journal.category,
    func.abs(LedgerEntry.amount).label("amount"),
    LedgerEntry.balance_after,
    # The wallet's own currency: a send across currencies has legs in two (domain/fx.py).
    Wallet.currency,
    literal("completed").label("status"),
    LedgerEntry.counterparty_wallet_id,
    Journal.description,
    Journal.metadata_.label("metadata"),
    LedgerEntry.created_at,
).join(Journal, Journal.id == LedgerEntry.journal_id).join(Wallet, Wallet.id == LedgerEntry.wallet_id)


# A wallet's entries in the order they were posted (db/ledger.py write_batch), newest
# first; the id only keeps a page of many wallets' rows stable.
NEWEST_FIRST = (LedgerEntry.created_at.desc(), LedgerEntry.seq.desc(), LedgerEntry.id)


@dataclass(frozen=True)
class HistoryFilter:
    type: str | None = None
    category: str | None = None
    start_date: date | None = None
    end_date: date | None = None


def of_wallet(wallet_id: str) -> Select:
    return TRANSACTION_VIEW.where(LedgerEntry.wallet_id == wallet_id)


def history(session: Session, wallet_id: str, filters: HistoryFilter, timezone: str,
            page: int, per_page: int) -> tuple[list, int]:
    query = filtered(of_wallet(wallet_id), filters, ZoneInfo(timezone))
    order = NEWEST_FIRST
    rows, total = paging.page_of(session, query, order, page, per_page)
    return list(rows.mappings().all()), total


def filtered(query: Select, filters: HistoryFilter, tz: ZoneInfo) -> Select:
    if filters.type == "debit":
        query = query.where(LedgerEntry.amount < 0)
    elif filters.type == "credit":
        query = query.where(LedgerEntry.amount > 0)
    if filters.category:
        query = query.where(Journal.category == filters.category)
    # Dates are whole days in the business timezone, both ends inclusive; bounds on
    # created_at itself keep the index usable.
    if filters.start_date:
        query = query.where(LedgerEntry.created_at >= calendar.start_of(filters.start_date, tz))
    if filters.end_date:
        query = query.where(LedgerEntry.created_at < calendar.end_of(filters.end_date, tz))
    return query


def by_id(session: Session, wallet_id: str, transaction_id: uuid.UUID):
    return session.execute(
        of_wallet(wallet_id).where(LedgerEntry.id == transaction_id)
    ).mappings().one_or_none()


def by_reference(session: Session, wallet_id: str, reference_id: str) -> list:
    return list(session.execute(
        of_wallet(wallet_id).where(Journal.reference_id == reference_id)
    ).mappings().all())


# Built once: every poll of a completed operation runs it, and a statement object that
# is reused keeps its memoised cache key (SQLAlchemy builds one per new object).
_OF_OPERATION = Lookup(TRANSACTION_VIEW.where(LedgerEntry.wallet_id == bindparam("wallet_id"),
                                              Journal.operation_id == bindparam("operation_id")))


def of_operation(session: Session, wallet_id: str, operation_id: uuid.UUID) -> list:
    return _OF_OPERATION.rows(session, {"wallet_id": wallet_id, "operation_id": operation_id},
                              as_dicts=True)
