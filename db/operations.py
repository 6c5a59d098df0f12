"""Operation rows: created once per (user, Idempotency-Key), read by their owner."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from decimal import Decimal

from sqlalchemy import Row, bindparam, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db import paging
from db.models import Operation
from db.session import Lookup, core


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
    # W3C traceparent of the accepting request, when tracing is on (tracing.py).
    trace_context: str | None = None


_NEW_COLUMNS = ("id", *(f.name for f in fields(NewOperation)))
# A Core statement, built once: the ORM's INSERT .. RETURNING of an entity cost twice
# as much CPU as the statement itself, on every money call.
_INSERT_ONCE = (
    pg_insert(Operation.__table__)
    .values({name: bindparam(name) for name in _NEW_COLUMNS})
    .on_conflict_do_nothing(index_elements=["user_id", "idempotency_key"])
    .returning(*Operation.__table__.c)  # the whole row: no second statement to read it
)


# An operation row as just inserted: its columns as attributes, like an Operation.
Inserted = Row


def insert_once(session: Session, new: NewOperation) -> Inserted | None:
    """Insert unless this user already used the key; None means someone else did.

    Returns the new row (its columns as attributes, like an Operation, but read-only).
    ON CONFLICT DO NOTHING makes concurrent requests with one key create exactly one
    operation: the losers wait on the winner's row and then see it.
    """
    return core(session).execute(_INSERT_ONCE, {"id": uuid.uuid4(), **vars(new)}).one_or_none()


# The money path's statements are built once: a reused statement object keeps its
# memoised cache key, which SQLAlchemy otherwise derives again on every request.
_BY_ID = select(Operation).where(Operation.id == bindparam("id"))


# The same row as a read-only Row (its columns as attributes): no ORM entity to build
# for an answer that only presents it.
_ROW_BY_ID = Lookup(select(Operation.__table__).where(Operation.__table__.c.id == bindparam("id")))
_ROW_BY_KEY = Lookup(select(Operation.__table__).where(
    Operation.__table__.c.user_id == bindparam("user_id"),
    Operation.__table__.c.idempotency_key == bindparam("key")))


def row_by_id(session: Session, operation_id: uuid.UUID):
    return _ROW_BY_ID.one_or_none(session, {"id": operation_id})


def by_key(session: Session, user_id: uuid.UUID, idempotency_key: str):
    """The user's operation of this Idempotency-Key, as a read-only row (the columns
    of an Operation as attributes), or None."""
    return _ROW_BY_KEY.one_or_none(session, {"user_id": user_id, "key": idempotency_key})


def by_id(session: Session, operation_id: uuid.UUID) -> Operation | None:
    return session.execute(_BY_ID, {"id": operation_id}).scalar_one_or_none()


def page_for_user(session: Session, user_id: uuid.UUID, *, status: str | None,
                  type_: str | None, page: int, per_page: int) -> tuple[list[Operation], int]:
    query = select(Operation).where(Operation.user_id == user_id)
    if status:
        query = query.where(Operation.status == status)
    if type_:
        query = query.where(Operation.type == type_)
    rows, total = paging.page_of(session, query, (Operation.created_at.desc(), Operation.id), page, per_page)
    return list(rows.scalars().all()), total


# Built once (every Prefer: wait polls it): a reused statement keeps its memoised cache key.
_STATUS = select(Operation.status).where(Operation.id == bindparam("id"))


def status_of(session: Session, operation_id: uuid.UUID) -> str:
    return session.execute(_STATUS, {"id": operation_id}).scalar_one()
