"""A wallet's statement for a period: its opening and closing balances, its credits and
debits, and its ledger rows, streamed oldest first in batches from a server-side cursor,
so that a long statement never sits in memory whole.

A wallet's history is its entries ordered by (created_at, seq), each with the balance
it left (db/ledger.py `write_batch`). The summary is read in one statement: the last
entry before the period (opening), the last entry before its end (closing) and the
sums between. The rows are then bounded by that closing entry, not by the clock, so a
posting that commits meanwhile (always later in the history) joins neither, and
opening + credits - debits = closing holds for the rows the statement lists.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text, tuple_
from sqlalchemy.orm import Session

from db import transactions
from db.models import LedgerEntry
from domain import calendar

ZERO = Decimal("0.00")
# Before any entry: the bound of a period with no first day.
_BEGINNING = datetime(1, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Period:
    """Whole business days, both inclusive, as instants: [start, end)."""
    start_date: date | None
    end_date: date
    start: datetime
    end: datetime

    @classmethod
    def of(cls, start_date: date | None, end_date: date, timezone: str) -> Period:
        tz = ZoneInfo(timezone)
        start = calendar.start_of(start_date, tz) if start_date else _BEGINNING
        return cls(start_date, end_date, start, calendar.end_of(end_date, tz))


@dataclass(frozen=True)
class Summary:
    opening_balance: Decimal
    closing_balance: Decimal
    total_credits: Decimal
    total_debits: Decimal
    # The closing entry's place in the history, (created_at, seq): the rows end there.
    last: tuple[datetime, int] | None


_SUMMARY = text(
    "WITH last AS (SELECT created_at, seq, balance_after FROM ledger_entries"
    "  WHERE wallet_id = :wallet_id AND created_at < :end"
    "  ORDER BY created_at DESC, seq DESC LIMIT 1)"
    " SELECT (SELECT e.balance_after FROM ledger_entries e"
    "   WHERE e.wallet_id = :wallet_id AND e.created_at < :start"
    "   ORDER BY e.created_at DESC, e.seq DESC LIMIT 1) AS opening,"
    "  last.balance_after AS closing, last.created_at AS last_at, last.seq AS last_seq,"
    "  totals.credits, totals.debits"
    " FROM last CROSS JOIN LATERAL (SELECT"
    "   coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0) AS credits,"
    "   coalesce(-sum(e.amount) FILTER (WHERE e.amount < 0), 0) AS debits"
    "  FROM ledger_entries e WHERE e.wallet_id = :wallet_id"
    "   AND e.created_at >= :start AND e.created_at <= last.created_at"
    "   AND (e.created_at, e.seq) <= (last.created_at, last.seq)) totals"
)


def summary(session: Session, wallet_id: str, period: Period) -> Summary:
    """Opening and closing balances of the period, and its credits and debits."""
    found = session.execute(_SUMMARY, {"wallet_id": wallet_id, "start": period.start,
                                       "end": period.end}).one_or_none()
    if found is None:  # no entry before the period's end
        return Summary(ZERO, ZERO, ZERO, ZERO, None)
    return Summary(opening_balance=ZERO if found.opening is None else found.opening,
                   closing_balance=found.closing, total_credits=found.credits,
                   total_debits=found.debits, last=(found.last_at, found.last_seq))


def rows(session: Session, wallet_id: str, period: Period, until: Summary,
         batch_size: int) -> Iterator[list[Mapping[str, Any]]]:
    """Batches of the wallet's transaction-view rows of the period, oldest first,
    ending with the closing entry of `until`."""
    if until.last is None:
        return
    last_at, last_seq = until.last
    # The history endpoint's view, so both show a row alike.
    query = transactions.of_wallet(wallet_id).where(
        LedgerEntry.created_at >= period.start,
        LedgerEntry.created_at <= last_at,
        tuple_(LedgerEntry.created_at, LedgerEntry.seq) <= tuple_(last_at, last_seq),
    ).order_by(LedgerEntry.created_at, LedgerEntry.seq)
    result = session.execute(query, execution_options={"yield_per": batch_size})
    yield from result.mappings().partitions()
