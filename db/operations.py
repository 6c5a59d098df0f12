"""Operation rows: created once per (user, Idempotency-Key), read by their owner."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db.models import Operation


@dataclass(frozen=True)
class NewOperation:
    user_id: uuid.UUID
    wallet_id: str
    type: str
    amount: Decimal
    currency: str
    idempotency_key: str
    request_fingerprint: str
    payload: dict
    request_id: str | None


def insert_once(session: Session, new: NewOperation) -> Operation | None:
    """Insert unless this user already used the key; None means someone else did.

    ON CONFLICT DO NOTHING makes concurrent requests with one key create exactly one
    operation: the losers wait on the winner's row and then see it.
    """
    return session.scalars(
        pg_insert(Operation)
        .values(id=uuid.uuid4(), **new.__dict__)
        .on_conflict_do_nothing(index_elements=[Operation.user_id, Operation.idempotency_key])
        .returning(Operation)  # the whole row: no second statement to read it back
    ).one_or_none()


# The money path's statements are built once: a reused statement object keeps its
# memoised cache key, which SQLAlchemy otherwise derives again on every request.
_BY_KEY = select(Operation).where(Operation.user_id == bindparam("user_id"),
                                  Operation.idempotency_key == bindparam("key"))
_BY_ID = select(Operation).where(Operation.id == bindparam("id"))


def by_key(session: Session, user_id: uuid.UUID, idempotency_key: str) -> Operation | None:
    return session.execute(_BY_KEY, {"user_id": user_id, "key": idempotency_key}).scalar_one_or_none()


def by_id(session: Session, operation_id: uuid.UUID) -> Operation | None:
    return session.execute(_BY_ID, {"id": operation_id}).scalar_one_or_none()


def page_for_user(session: Session, user_id: uuid.UUID, *, status: str | None,
                  type_: str | None, page: int, per_page: int) -> tuple[list[Operation], int]:
    query = select(Operation).where(Operation.user_id == user_id)
    if status:
        query = query.where(Operation.status == status)
    if type_:
        query = query.where(Operation.type == type_)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(Operation.created_at.desc(), Operation.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).scalars().all()
    return list(rows), total
