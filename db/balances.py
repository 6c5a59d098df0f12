"""A wallet's balance as of an instant, read from its ledger entries.

Every entry carries the instant its posting took effect (`created_at`, one per posting
transaction) and its place in that posting (`seq`); a wallet's entries ordered by
(created_at, seq) are its history, each with the `balance_after` it left
(db/ledger.py `write_batch`). The balance at T is the `balance_after` of the last
entry with created_at <= T, or zero before the first: one index probe.

The answer for T is final. The read first takes the wallet row FOR SHARE, which waits
for a posting of the wallet still in flight (postings hold the row FOR NO KEY UPDATE
until they commit) and keeps the next one from starting meanwhile; a later posting
takes its instant after that, so after T. T later than the database's clock is refused.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import TIMESTAMP, Select, bindparam, func, select
from sqlalchemy.orm import Session

from db.models import LedgerEntry, Wallet
from domain import errors

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BalanceAt:
    wallet_id: str
    currency: str
    balance: Decimal
    at: datetime


_WALLET = select(Wallet.id, Wallet.currency).with_for_update(read=True)
# The database's clock, and the last entry at or before `at` (that clock when None).
# Built once: a reused statement keeps its memoised cache key.
_CLOCK = select(func.clock_timestamp().label("now")).cte("clock")
_INSTANT = func.coalesce(bindparam("at", type_=TIMESTAMP(timezone=True)), _CLOCK.c.now)
_AT = select(
    _CLOCK.c.now,
    select(LedgerEntry.balance_after)
    .where(LedgerEntry.wallet_id == bindparam("wallet_id"), LedgerEntry.created_at <= _INSTANT)
    .order_by(LedgerEntry.created_at.desc(), LedgerEntry.seq.desc())
    .limit(1).scalar_subquery().label("balance"),
).select_from(_CLOCK)


def own_balance_at(session: Session, user_id: uuid.UUID, at: datetime | None) -> BalanceAt:
    """The caller's balance at `at` (now when None)."""
    return _balance_at(session, _WALLET.where(Wallet.user_id == user_id), at)


def balance_at(session: Session, wallet_id: str, at: datetime | None) -> BalanceAt:
    """Any wallet's balance at `at` (now when None)."""
    return _balance_at(session, _WALLET.where(Wallet.id == wallet_id), at)


def _balance_at(session: Session, wallet_query: Select, at: datetime | None) -> BalanceAt:
    wallet = session.execute(wallet_query).one_or_none()  # waits for a posting in flight
    if wallet is None:
        raise errors.WalletNotFound()
    found = session.execute(_AT, {"wallet_id": wallet.id, "at": at}).one()
    # Compared here, not read back from the database: an instant near year 1 with a
    # large offset is a date before year 1 to PostgreSQL, which Python cannot hold.
    if at is not None and at > found.now:
        raise errors.InstantInFuture()
    balance = ZERO if found.balance is None else found.balance
    return BalanceAt(wallet.id, wallet.currency, balance, found.now if at is None else at)
