"""Exchange rates and FX quotes. Functions take the caller's session and never commit.

Quote times come from the database clock (`now()` of the caller's transaction), as do
operations' `created_at`: a send is judged against its quote's expiry with one clock.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ARRAY, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db.models import FxQuote, FxRate
from domain.fx import Quote, Rate


# --- rates -----------------------------------------------------------------------------
def rates(session: Session) -> dict[tuple[str, str], Rate]:
    return {(row.base, row.quote): _rate(row) for row in session.execute(select(FxRate)).scalars()}


def rate_rows(session: Session) -> list[FxRate]:
    return list(session.execute(select(FxRate).order_by(FxRate.base, FxRate.quote)).scalars())


def locked_rate(session: Session, base: str, quote: str) -> FxRate | None:
    return session.execute(
        select(FxRate).where(FxRate.base == base, FxRate.quote == quote).with_for_update()
    ).scalar_one_or_none()


def save_rate(session: Session, base: str, quote: str, rate: Decimal, spread_bps: int,
              updated_by: uuid.UUID | None) -> FxRate:
    values = {"rate": rate, "spread_bps": spread_bps, "updated_by": updated_by,
              "updated_at": func.now()}
    return session.execute(
        pg_insert(FxRate).values(base=base, quote=quote, **values)
        .on_conflict_do_update(index_elements=[FxRate.base, FxRate.quote], set_=values)
        .returning(FxRate),
        execution_options={"populate_existing": True},  # the locked row read before
    ).scalar_one()


def rate_state(row: FxRate | None) -> dict | None:
    """A rate as its audit row's before or after state."""
    if row is None:
        return None
    return {"base": row.base, "quote": row.quote, "rate": str(row.rate),
            "spread_bps": row.spread_bps}


def _rate(row: FxRate) -> Rate:
    return Rate(row.base, row.quote, row.rate, row.spread_bps)


# --- quotes ----------------------------------------------------------------------------
def insert_quote(session: Session, user_id: uuid.UUID, from_currency: str, to_currency: str,
                 rate: Decimal, source_amount: Decimal, target_amount: Decimal,
                 valid_for_s: float) -> FxQuote:
    return session.execute(
        pg_insert(FxQuote).values(
            id=uuid.uuid4(), user_id=user_id, from_currency=from_currency,
            to_currency=to_currency, rate=rate, source_amount=source_amount,
            target_amount=target_amount,
            expires_at=func.now() + func.make_interval(0, 0, 0, 0, 0, 0, valid_for_s))
        .returning(FxQuote)
    ).scalar_one()


def quote_by_id(session: Session, quote_id: uuid.UUID) -> Quote | None:
    row = session.get(FxQuote, quote_id)
    return None if row is None else _quote(row)


def transaction_time(session: Session) -> datetime:
    """The database clock of the caller's transaction: what an operation recorded in it
    gets as its `created_at`, so its acceptance time."""
    return session.execute(text("SELECT now()")).scalar_one()


_LOCK_QUOTES = (
    select(FxQuote).where(FxQuote.id == func.any(bindparam("ids", type_=ARRAY(PG_UUID))))
    .order_by(FxQuote.id).with_for_update()
)


def lock_quotes(session: Session, quote_ids: set[uuid.UUID]) -> dict[uuid.UUID, Quote]:
    """The quotes a posting's sends carry, locked in id order (after the wallets and
    system accounts, as every posting locks them)."""
    if not quote_ids:
        return {}
    rows = session.execute(_LOCK_QUOTES, {"ids": sorted(quote_ids)}).scalars()
    return {row.id: _quote(row) for row in rows}


def mark_used(session: Session, used: dict[uuid.UUID, uuid.UUID]) -> None:
    """Record which operation used each quote. Under the quotes' row locks, and only
    where no operation did yet: anything else is a bug, and the posting rolls back."""
    if not used:
        return
    ids = sorted(used)
    marked = session.execute(text(
        "UPDATE fx_quotes q SET used_by_operation_id = v.operation_id, used_at = now()"
        " FROM unnest(CAST(:ids AS uuid[]), CAST(:operations AS uuid[])) AS v(id, operation_id)"
        " WHERE q.id = v.id AND q.used_by_operation_id IS NULL"
    ), {"ids": ids, "operations": [used[i] for i in ids]}).rowcount
    if marked != len(ids):
        raise RuntimeError(f"{len(ids) - marked} FX quotes were already used")


def purge_expired_quotes(session: Session, expired_for_s: float, batch: int) -> int:
    """Delete up to `batch` quotes that expired more than `expired_for_s` ago and paid
    nothing; how many. A quote an unfinished send still carries is kept whatever its
    age: the posting judges it at the send's acceptance, so it may still pay."""
    return session.execute(text(
        "DELETE FROM fx_quotes WHERE id IN (SELECT q.id FROM fx_quotes q"
        "  WHERE q.used_by_operation_id IS NULL"
        "  AND q.expires_at < now() - make_interval(secs => :expired_for_s)"
        "  AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.status IN ('queued', 'processing')"
        "   AND o.payload -> 'fx' ->> 'quote_id' = q.id::text)"
        "  ORDER BY q.expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)"
    ), {"expired_for_s": expired_for_s, "batch": batch}).rowcount


def _quote(row: FxQuote) -> Quote:
    return Quote(id=row.id, user_id=row.user_id, from_currency=row.from_currency,
                 to_currency=row.to_currency, rate=row.rate, source_amount=row.source_amount,
                 target_amount=row.target_amount, expires_at=row.expires_at,
                 used_by=row.used_by_operation_id)
