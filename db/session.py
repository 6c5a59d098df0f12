"""Engines and the unit of work.

A transaction has one owner: `unit_of_work()` opens it, commits on success, rolls back
on any exception. Helpers take the session they are given and never commit.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

import psycopg
from psycopg.rows import dict_row, namedtuple_row
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, MultipleResultsFound
from sqlalchemy.orm import Session, sessionmaker

import settings

# A process killed mid-query (a worker's hard time limit, SIGKILL, OOM) leaves its
# backend running until it next talks to the client: one waiting on a row lock would
# keep its own locks (an operation row, say) until that wait ends, blocking every
# redelivery of the job. With this check PostgreSQL notices the closed socket within a
# second and rolls the orphan back.
CLIENT_CHECK_OPTIONS = "-c client_connection_check_interval=1000"


def connect_args() -> dict:
    """psycopg's connect() arguments for every engine of this process.

    Behind a pooler in transaction pooling mode (DATABASE_TRANSACTION_POOLING=1; the
    Debian PgBouncer, 1.18, keeps no prepared statements), each transaction may land on
    another server connection: psycopg must not prepare statements on the server (it
    does for a query's fifth run), and startup options are not passed on, so the socket
    check is set by the pooler (its connect_query) or on the database instead. Nothing
    else here keeps session state: advisory locks are transaction-scoped, SET is LOCAL,
    and there is no LISTEN nor temporary table."""
    if settings.load().database_transaction_pooling:
        return {"prepare_threshold": None}
    return {"options": CLIENT_CHECK_OPTIONS}


@lru_cache(maxsize=None)
def engine_for(url: str) -> Engine:
    # pool_pre_ping: a connection killed by a PostgreSQL restart or
    # pg_terminate_backend is replaced instead of failing the next request.
    # hide_parameters: an error's text, which may be logged, never quotes bound values.
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True,
                         hide_parameters=True, connect_args=connect_args())


def core(session: Session) -> Connection:
    """The session's connection, in its transaction, for Core statements on hot paths.

    A Core statement (a table's columns, text) gains nothing from the ORM session's
    execution layer, which cost about 0.25 ms of CPU per statement on top of
    `Connection.execute` (measured in a loop against the local PostgreSQL): the money
    path runs a dozen per send. Same transaction, same error handling and disconnect
    detection; only ORM entities need `session.execute`."""
    return session.connection()


class Lookup:
    """A SELECT on the money path, defined with SQLAlchemy and run by psycopg itself.

    Compiled once to the driver's SQL; each run is one psycopg execute on the
    session's connection and transaction, with no SQLAlchemy execution context or
    result object around it: about 0.2 ms of CPU a lookup against 0.45 ms through
    `Connection.execute` and 0.7 ms through `Session.execute` (measured in a loop
    against the local PostgreSQL; psycopg returns the same Python values for these
    columns). Errors come out as SQLAlchemy's, a connection PostgreSQL dropped is
    invalidated, as SQLAlchemy does for its own statements, and the engine's
    `before_cursor_execute` listeners see the statement. For SELECTs only: an
    INSERT's column defaults are filled in by SQLAlchemy's execution."""

    def __init__(self, statement) -> None:
        self.statement = statement
        self._compiled: tuple[str, dict] | None = None

    def rows(self, session: Session, params: dict, *, as_dicts: bool = False) -> list:
        """The rows, as named tuples (columns as attributes) or dicts."""
        connection = session.connection()
        sql, defaults = self._compiled or self._compile(connection)
        values = {**defaults, **params}
        driver = connection.connection.driver_connection
        try:
            with driver.cursor(row_factory=dict_row if as_dicts else namedtuple_row) as cursor:
                events = connection.dispatch.before_cursor_execute
                if events:  # whoever watches the engine's statements sees these too
                    events(connection, cursor, sql, values, None, False)
                cursor.execute(sql, values)
                return cursor.fetchall()
        except psycopg.Error as exc:
            dropped = connection.dialect.is_disconnect(exc, driver, None)
            if dropped:
                connection.invalidate(exc)
            raise DBAPIError.instance(sql, values, exc, psycopg.Error, hide_parameters=True,
                                      connection_invalidated=dropped,
                                      dialect=connection.dialect) from exc

    def one_or_none(self, session: Session, params: dict):
        found = self.rows(session, params)
        if len(found) > 1:
            raise MultipleResultsFound("Multiple rows were found when one or none was required")
        return found[0] if found else None

    def _compile(self, connection: Connection) -> tuple[str, dict]:
        compiled = self.statement.compile(dialect=connection.dialect)
        self._compiled = (str(compiled), dict(compiled.params))
        return self._compiled


@lru_cache(maxsize=None)
def _factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(engine_for(url), expire_on_commit=False)


def database_url() -> str:
    return settings.load().database_url


@contextmanager
def unit_of_work(url: str | None = None) -> Iterator[Session]:
    with _factory(url or database_url()).begin() as session:
        yield session


@contextmanager
def read_only_unit_of_work(url: str) -> Iterator[Session]:
    """A read-only transaction on `url` (a replica, where every transaction is)."""
    with _factory(url).begin() as session:
        session.execute(text("SET TRANSACTION READ ONLY"))
        yield session


# The API's units of work and reads run on the request's own connection (web/context.py
# checks one out per request): these open them on a given connection.

@contextmanager
def unit_of_work_on(connection: Connection) -> Iterator[Session]:
    """A transaction on `connection`, committed or rolled back as it closes."""
    with Session(bind=connection, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def autocommit_on(connection: Connection) -> Iterator[Session]:
    """Statements on `connection` in autocommit: each is a transaction of its own and
    reads what was committed when it began, with no BEGIN and COMMIT round trips
    around it. For lookups, and for a write that is one statement; never for
    statements that must commit together."""
    connection.execution_options(isolation_level="AUTOCOMMIT")
    try:
        with Session(bind=connection, expire_on_commit=False) as session:
            yield session
    finally:
        connection.execution_options(isolation_level=connection.default_isolation_level)


@contextmanager
def autocommit(url: str) -> Iterator[Session]:
    """`autocommit_on` a pooled connection of `url`'s engine."""
    with engine_for(url).connect() as connection, autocommit_on(connection) as session:
        yield session
