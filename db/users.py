"""User rows: created once per email, looked up by email or id, listed for admins."""
from __future__ import annotations

import uuid

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db import paging
from db.models import User
from db.session import Lookup
from domain.ids import uuid_or_none
from domain.roles import roles_at_least


def insert_unless_registered(session: Session, *, email: str, password_hash: str,
                             full_name: str, role: str = "user") -> User | None:
    """Insert a user; None means the email is taken.

    ON CONFLICT DO NOTHING on the unique email makes two concurrent registrations of
    one address create exactly one user instead of one failing with a 500.
    """
    user_id = session.execute(
        pg_insert(User)
        .values(id=uuid.uuid4(), email=email, password_hash=password_hash,
                full_name=full_name, role=role)
        .on_conflict_do_nothing(index_elements=[User.email])
        .returning(User.id)
    ).scalar_one_or_none()
    return None if user_id is None else session.get(User, user_id)


# Built once: every authenticated request runs it, and a reused statement keeps its
# memoised cache key.
_BY_ID = select(User).where(User.id == bindparam("id"))


def by_id(session: Session, user_id: uuid.UUID) -> User | None:
    return session.execute(_BY_ID, {"id": user_id}).scalar_one_or_none()


# Who a request's token speaks for, as a read-only Row (every authenticated request
# reads it; building an ORM entity for it cost as much as the query). The password
# hash is not among its columns: nothing a request does with its caller needs it.
_ROW_BY_ID = Lookup(select(*(column for column in User.__table__.c if column.name != "password_hash")
                           ).where(User.__table__.c.id == bindparam("id")))


def row_by_id(session: Session, user_id: uuid.UUID):
    """The user as a read-only row (columns as attributes), or None."""
    return _ROW_BY_ID.one_or_none(session, {"id": user_id})


def by_email(session: Session, email: str, *, for_update: bool = False) -> User | None:
    query = select(User).where(User.email == email)
    if for_update:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def get_for_update(session: Session, user_id: str | uuid.UUID) -> User | None:
    """The user with this id, row-locked; None for an unknown or malformed id."""
    parsed = uuid_or_none(user_id)
    return None if parsed is None else session.get(User, parsed, with_for_update=True)


def active_ids_with_role(session: Session, required: str) -> list[uuid.UUID]:
    """The active users whose role includes `required` (e.g. everyone who moderates)."""
    return list(session.execute(
        select(User.id).where(User.role.in_(roles_at_least(required)), User.is_active.is_(True))
    ).scalars())


def page(session: Session, *, role: str | None, is_active: bool | None,
         email_contains: str | None, page: int, per_page: int) -> tuple[list[User], int]:
    query = select(User)
    if role:
        query = query.where(User.role == role)
    if is_active is not None:
        query = query.where(User.is_active == is_active)
    if email_contains:
        query = query.where(User.email.contains(email_contains.lower(), autoescape=True))
    rows, total = paging.page_of(session, query, (User.created_at.desc(), User.id), page, per_page)
    return list(rows.scalars().all()), total


def by_external_subject(session: Session, subject: str, *, for_update: bool = False) -> User | None:
    query = select(User).where(User.external_subject == subject)
    if for_update:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def provision_external(session: Session, *, subject: str, email: str, full_name: str,
                       role: str, password_hash: str) -> User | None:
    """The local row of an external user, created on their first request.

    Two first requests at once create one row (ON CONFLICT DO NOTHING, then a lookup).
    None: the email belongs to another local user; linking the two by email would let
    the external issuer speak for an account it does not own.
    """
    session.execute(
        pg_insert(User)
        .values(id=uuid.uuid4(), email=email, password_hash=password_hash,
                full_name=full_name, role=role, external_subject=subject)
        .on_conflict_do_nothing()
    )
    return by_external_subject(session, subject)
