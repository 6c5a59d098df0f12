"""What the health, readiness, doctor and metrics probes ask the database: read-only
questions about the database itself (is it there, which version, how far migrated,
how much the outbox holds, the last reconciliation), never about a user's data."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from db.session import unit_of_work


def shown_url(url: str) -> str:
    """The database URL with its password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def ping(session: Session) -> None:
    session.execute(text("SELECT 1"))


@dataclass(frozen=True)
class ServerInfo:
    version: str
    outbox_backlog: int | None  # None: not migrated yet


def server_info(url: str, timeout_s: int = 3) -> ServerInfo:
    """On a connection of its own (a probe must not take the app's pool down with it)."""
    engine = create_engine(url, connect_args={"connect_timeout": timeout_s}, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one()
            try:
                backlog = conn.execute(text("SELECT count(*) FROM outbox")).scalar_one()
            except Exception:  # not migrated yet: the migration check says so
                conn.rollback()
                backlog = None
        return ServerInfo(version, backlog)
    finally:
        engine.dispose()


def applied_revisions(url: str, timeout_s: int = 3) -> set[str]:
    """The Alembic revisions the database is at (empty if it was never migrated)."""
    engine = create_engine(url, connect_args={"connect_timeout": timeout_s})
    try:
        with engine.connect() as conn:
            if not conn.execute(text("SELECT to_regclass('alembic_version')")).scalar():
                return set()
            return set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Gauges:
    outbox_backlog: int
    outbox_oldest_age_s: float
    last_reconciliation: tuple | None  # (ok, finished at epoch, violations) or None


def gauges(url: str) -> Gauges:
    """What /metrics reads at scrape time, bounded to 2 s."""
    with unit_of_work(url) as session:
        session.execute(text("SET LOCAL statement_timeout = '2s'"))
        count, oldest = session.execute(text(
            "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)"
            " FROM outbox")).one()
        last_run = session.execute(text(
            "SELECT ok, extract(epoch FROM finished_at), jsonb_array_length(violations)"
            " FROM reconciliation_runs WHERE finished_at IS NOT NULL"
            " ORDER BY requested_at DESC LIMIT 1")).one_or_none()
    return Gauges(count, oldest, tuple(last_run) if last_run is not None else None)
