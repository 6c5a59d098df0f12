"""A wallet's ledger rows for a statement, streamed oldest first in batches from a
server-side cursor, so that a long statement never sits in memory whole."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import transactions
from db.models import LedgerEntry


def rows(session: Session, wallet_id: str, start_date: date | None, end_date: date | None,
         timezone: str, batch_size: int) -> Iterator[list[Mapping[str, Any]]]:
    """Batches of the wallet's transaction-view rows in the date range (business days,
    both inclusive), oldest first."""
    # The history endpoint's view and date filter, so both always agree on a day.
    query = transactions.filtered(
        transactions.of_wallet(wallet_id),
        transactions.HistoryFilter(start_date=start_date, end_date=end_date),
        ZoneInfo(timezone),
    ).order_by(LedgerEntry.created_at, LedgerEntry.id)
    result = session.execute(query, execution_options={"yield_per": batch_size})
    yield from result.mappings().partitions()
