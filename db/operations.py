"""Operation rows: created once per (user, Idempotency-Key), read by their owner."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
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
    operation_id = session.execute(
        pg_insert(Operation)
        .values(id=uuid.uuid4(), **new.__dict__)
        .on_conflict_do_nothing(index_elements=[Operation.user_id, Operation.idempotency_key])
        .returning(Operation.id)
    ).scalar_one_or_none()
    return None if operation_id is None else session.get(Operation, operation_id)


def by_key(session: Session, user_id: uuid.UUID, idempotency_key: str) -> Operation | None:
    return session.execute(
        select(Operation).where(Operation.user_id == user_id,
                                Operation.idempotency_key == idempotency_key)
    ).scalar_one_or_none()


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
