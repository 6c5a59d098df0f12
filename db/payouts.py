"""Payout rows and their items (operations of type `payout_item`): created once per
(user, Idempotency-Key) with all their items in one transaction, read by their owner,
and their counters moved by the posting transaction of their items. Functions take the
caller's session and never commit."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, fields
from decimal import Decimal

from sqlalchemy import Row, bindparam, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db import paging
from db.models import Operation, Payout, Wallet
from domain.ledger import PAYOUT_ITEM
from domain.payouts import Item, Progress


@dataclass(frozen=True)
class NewPayout:
    user_id: uuid.UUID
    wallet_id: str
    currency: str
    item_count: int
    total_amount: Decimal
    description: str | None
    idempotency_key: str
    request_fingerprint: str
    request_id: str | None


_INSERT_ONCE = (
    pg_insert(Payout.__table__)
    .values({name: bindparam(name) for name in ("id", *(f.name for f in fields(NewPayout)))})
    .on_conflict_do_nothing(index_elements=["user_id", "idempotency_key"])
    .returning(*Payout.__table__.c)
)


def insert_once(session: Session, new: NewPayout) -> Row | None:
    """Insert unless this user already used the key; None means someone else did (the
    losers of concurrent requests with one key wait on the winner's row, then see it)."""
    return session.execute(_INSERT_ONCE, {"id": uuid.uuid4(), **vars(new)}).one_or_none()


def item_key(payout_id: uuid.UUID, index: int) -> str:
    # The item operation's idempotency key. The middle dot is outside the printable
    # ASCII a client's Idempotency-Key is made of, so no client key can ever equal it.
    return f"payout\u00b7{payout_id}\u00b7{index}"


_INSERT_ITEMS = text(
    "INSERT INTO operations (id, user_id, wallet_id, type, amount, currency, idempotency_key,"
    " request_fingerprint, payload, request_id, trace_context, payout_id, payout_index)"
    " SELECT v.id, :user_id, :wallet_id, :type, v.amount, :currency, v.key, :fingerprint,"
    "  v.payload, :request_id, :trace_context, :payout_id, v.index"
    " FROM unnest(CAST(:ids AS uuid[]), CAST(:amounts AS numeric[]), CAST(:keys AS text[]),"
    "  CAST(:payloads AS jsonb[]), CAST(:indexes AS integer[])) AS v(id, amount, key, payload, index)"
)


def insert_items(session: Session, payout_id: uuid.UUID, new: NewPayout, items: list[Item],
                 ids: list[uuid.UUID], trace_context: str | None) -> None:
    """Every item as a queued operation of the payer, in one statement. The payload is
    what the posting engine and the ledger need: the journal's description and, as its
    metadata, the payout, the index and the payer's reference."""
    session.execute(_INSERT_ITEMS, {
        "user_id": new.user_id, "wallet_id": new.wallet_id, "type": PAYOUT_ITEM,
        "currency": new.currency, "fingerprint": new.request_fingerprint,
        "request_id": new.request_id, "trace_context": trace_context, "payout_id": payout_id,
        "ids": ids, "amounts": [item.amount for item in items],
        "keys": [item_key(payout_id, item.index) for item in items],
        "payloads": [json.dumps({
            "recipient_wallet_id": item.recipient_wallet_id, "description": new.description,
            "payout_id": str(payout_id), "index": item.index, "reference": item.reference,
        }) for item in items],
        "indexes": [item.index for item in items],
    })


# --- reads -----------------------------------------------------------------------------
def recipient_currencies(session: Session, wallet_ids: list[str]) -> dict[str, str]:
    """Wallet id -> currency, for those of `wallet_ids` that exist (one query)."""
    return dict(session.execute(
        select(Wallet.id, Wallet.currency).where(Wallet.id.in_(wallet_ids))).all())


def by_key(session: Session, user_id: uuid.UUID, idempotency_key: str) -> Payout | None:
    return session.execute(select(Payout).where(
        Payout.user_id == user_id, Payout.idempotency_key == idempotency_key)).scalar_one_or_none()


def by_id(session: Session, payout_id: uuid.UUID) -> Payout | None:
    return session.get(Payout, payout_id, populate_existing=True)


def page_for_user(session: Session, user_id: uuid.UUID, *, status: str | None, page: int,
                  per_page: int) -> tuple[list[Payout], int]:
    query = select(Payout).where(Payout.user_id == user_id)
    if status:
        query = query.where(Payout.status == status)
    rows, total = paging.page_of(session, query, (Payout.created_at.desc(), Payout.id), page, per_page)
    return list(rows.scalars().all()), total


def items_page(session: Session, payout_id: uuid.UUID, *, status: str | None, page: int,
               per_page: int) -> tuple[list[Row], int]:
    """The payout's items in index order, as their operations stand now."""
    query = select(
        Operation.payout_index.label("index"),
        Operation.payload["recipient_wallet_id"].astext.label("recipient_wallet_id"),
        Operation.amount, Operation.payload["reference"].astext.label("reference"),
        Operation.status, Operation.error_code, Operation.error_message, Operation.reference_id,
    ).where(Operation.payout_id == payout_id)
    if status:
        query = query.where(Operation.status == status)
    rows, total = paging.page_of(session, query, (Operation.payout_index,), page, per_page)
    return list(rows.all()), total


# --- progress, in the posting transaction of the items ---------------------------------
def lock_progress(session: Session, payout_ids: list[uuid.UUID]) -> dict[uuid.UUID, Progress]:
    """The counters of these payouts, locked in id order (after the wallet rows, which
    every posting of their items locks first)."""
    rows = session.execute(
        select(Payout.id, Payout.item_count, Payout.completed_count, Payout.failed_count,
               Payout.completed_amount)
        .where(Payout.id.in_(sorted(payout_ids))).order_by(Payout.id).with_for_update(key_share=True)
    ).all()
    return {row.id: Progress(row.item_count, row.completed_count, row.failed_count,
                             row.completed_amount) for row in rows}


_SAVE_PROGRESS = text(
    "UPDATE payouts p SET completed_count = v.completed, failed_count = v.failed,"
    " completed_amount = v.amount, status = v.status, updated_at = now(),"
    " finished_at = CASE WHEN v.finished THEN now() END"
    " FROM unnest(CAST(:ids AS uuid[]), CAST(:completed AS integer[]), CAST(:failed AS integer[]),"
    "  CAST(:amounts AS numeric[]), CAST(:statuses AS text[]), CAST(:finished AS boolean[]))"
    "  AS v(id, completed, failed, amount, status, finished)"
    " WHERE p.id = v.id"
)


def save_progress(session: Session, progress: dict[uuid.UUID, Progress]) -> None:
    ids = sorted(progress)
    session.execute(_SAVE_PROGRESS, {
        "ids": ids, "completed": [progress[i].completed_count for i in ids],
        "failed": [progress[i].failed_count for i in ids],
        "amounts": [progress[i].completed_amount for i in ids],
        "statuses": [progress[i].status for i in ids],
        "finished": [progress[i].finished for i in ids],
    })
