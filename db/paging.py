"""One page of a query and the count of all its rows, for every paged list of the API."""
from __future__ import annotations

from sqlalchemy import Result, Select, func, select
from sqlalchemy.orm import Session


def count(session: Session, query: Select) -> int:
    return session.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def page_of(session: Session, query: Select, order_by: tuple, page: int,
            per_page: int) -> tuple[Result, int]:
    """Rows of page `page` (from 1) in `order_by` order, and the total. `order_by` must
    end with a unique column, so that pages never overlap or skip a row."""
    total = count(session, query)
    rows = session.execute(query.order_by(*order_by).limit(per_page).offset((page - 1) * per_page))
    return rows, total
