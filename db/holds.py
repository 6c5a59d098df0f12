"""Hold rows (API.md section 14): what the posting engine locks and writes, what the
API reads, and the expiry job's operations. Functions take the caller's session and
never commit."""
from __future__ import annotations

import uuid

from sqlalchemy import ARRAY, Select, bindparam, func, insert, or_, select, text
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Session, aliased

from db import paging
from db.models import Hold as HoldRow
from db.models import Wallet
from domain.holds import ACTIVE, PAYEE, PAYER, Hold

# --- the posting engine's side ---------------------------------------------------------
# Locked after the wallets (every operation on a hold locks both its wallets first), in
# id order, like every other lock a posting takes.
_LOCK = (
    select(HoldRow)
    .where(HoldRow.id == func.any(bindparam("ids", type_=ARRAY(PG_UUID(as_uuid=True)))))
    .order_by(HoldRow.id).with_for_update()
)


def lock(session: Session, hold_ids: set[uuid.UUID]) -> dict[uuid.UUID, Hold]:
    if not hold_ids:
        return {}
    rows = session.execute(_LOCK, {"ids": sorted(hold_ids)}).scalars().all()
    return {row.id: as_hold(row) for row in rows}


def as_hold(row: HoldRow) -> Hold:
    return Hold(id=row.id, payer_wallet_id=row.payer_wallet_id,
                payee_wallet_id=row.payee_wallet_id, amount=row.amount, currency=row.currency,
                expires_at=row.expires_at, status=row.status,
                captured_amount=row.captured_amount, description=row.description)


def write(session: Session, placed: list[dict], decided: list[dict]) -> None:
    """New holds, then the decisions (a hold placed and decided in one batch is
    inserted first). A decision only applies to a hold still active under lock: one
    that is not means the engine was handed stale state, and the batch must not
    commit."""
    if placed:
        session.execute(insert(HoldRow), placed)
    if not decided:
        return
    changed = session.execute(text(
        "UPDATE holds h SET status = v.status, captured_amount = v.captured_amount,"
        " finish_operation_id = v.finish_operation_id, finished_at = now()"
        " FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]),"
        "  CAST(:captured AS numeric[]), CAST(:operations AS uuid[]))"
        "  AS v(id, status, captured_amount, finish_operation_id)"
        " WHERE h.id = v.id AND h.status = 'active'"
    ), {"ids": [d["id"] for d in decided], "statuses": [d["status"] for d in decided],
        "captured": [d["captured_amount"] for d in decided],
        "operations": [d["finish_operation_id"] for d in decided]}).rowcount
    if changed != len(decided):
        raise RuntimeError(f"{len(decided) - changed} hold decisions found the hold decided")


# --- the API's side --------------------------------------------------------------------
_PAYER, _PAYEE = aliased(Wallet), aliased(Wallet)
_WITH_PARTIES = (
    select(HoldRow, _PAYER.user_id.label("payer_user_id"),
           _PAYEE.user_id.label("payee_user_id"),
           (func.now() >= HoldRow.expires_at).label("past_expiry"))
    .join(_PAYER, _PAYER.id == HoldRow.payer_wallet_id)
    .join(_PAYEE, _PAYEE.id == HoldRow.payee_wallet_id)
)


def with_parties(session: Session, hold_id: uuid.UUID):
    """The hold (`.Hold`), its parties' users, and whether it is past its expiry by
    the database's clock (the one operations are dated with); None if unknown."""
    return session.execute(_WITH_PARTIES.where(HoldRow.id == hold_id)).one_or_none()


def page(session: Session, wallet_id: str, *, role: str | None, status: str | None,
         page: int, per_page: int) -> tuple[list[HoldRow], int]:
    """The wallet's holds, as payer, payee or either, newest first."""
    query: Select = select(HoldRow)
    if role == PAYER:
        query = query.where(HoldRow.payer_wallet_id == wallet_id)
    elif role == PAYEE:
        query = query.where(HoldRow.payee_wallet_id == wallet_id)
    else:
        query = query.where(or_(HoldRow.payer_wallet_id == wallet_id,
                                HoldRow.payee_wallet_id == wallet_id))
    if status:
        query = query.where(HoldRow.status == status)
    rows, total = paging.page_of(session, query, (HoldRow.created_at.desc(), HoldRow.id),
                                 page, per_page)
    return list(rows.scalars().all()), total


def by_id(session: Session, hold_id: uuid.UUID) -> HoldRow | None:
    return session.get(HoldRow, hold_id)


def as_view(row: HoldRow) -> dict:
    """The contract's hold object (GET /holds/{hold_id}, and the hold.* webhook events)."""
    return {
        "hold_id": row.id, "payer_wallet_id": row.payer_wallet_id,
        "payee_wallet_id": row.payee_wallet_id, "amount": row.amount,
        "captured_amount": row.captured_amount, "currency": row.currency,
        "description": row.description, "status": row.status, "expires_at": row.expires_at,
        "created_at": row.created_at, "finished_at": row.finished_at,
    }


def placed_by(session: Session, operation_id: uuid.UUID) -> uuid.UUID | None:
    return session.execute(select(HoldRow.id).where(HoldRow.operation_id == operation_id)
                           ).scalar_one_or_none()


# --- the expiry job --------------------------------------------------------------------
EXPIRY_KEY_PREFIX = "§hold-expire:"

# One `expire` operation per hold, owned by the payer (whose money it releases), under a
# key no client can send ("§" is outside the printable ASCII of Idempotency-Key): a
# second run, or a second beat, finds it there and makes none.
_RECORD_EXPIRIES = text(f"""
INSERT INTO operations (id, user_id, wallet_id, type, amount, currency, idempotency_key,
                        request_fingerprint, payload)
SELECT gen_random_uuid(), w.user_id, h.payer_wallet_id, 'expire', h.amount, h.currency,
       '{EXPIRY_KEY_PREFIX}' || h.id::text, 'expire:' || h.id::text,
       jsonb_build_object('hold_id', h.id::text, 'payer_wallet_id', h.payer_wallet_id,
                          'payee_wallet_id', h.payee_wallet_id)
FROM holds h JOIN wallets w ON w.id = h.payer_wallet_id
WHERE h.status = '{ACTIVE}' AND h.expires_at <= now()
  AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.user_id = w.user_id
                  AND o.idempotency_key = '{EXPIRY_KEY_PREFIX}' || h.id::text)
ORDER BY h.expires_at LIMIT :limit
ON CONFLICT (user_id, idempotency_key) DO NOTHING
RETURNING id
""")


def record_expiries(session: Session, limit: int) -> list[uuid.UUID]:
    """`expire` operations for active holds past their expiry (at most `limit` looked
    at); the ids of those made now."""
    return list(session.execute(_RECORD_EXPIRIES, {"limit": limit}).scalars().all())
