"""What a request needs from the app: settings, a unit of work, Redis, the caller."""
from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from typing import Iterator

import redis as redis_lib
from flask import current_app, g, request

import settings as settings_module
from db import redis as vp_redis
from db.session import (
    Connection,
    Session,
    autocommit_on,
    engine_for,
    read_only_unit_of_work,
    unit_of_work,
    unit_of_work_on,
)

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def settings() -> settings_module.Settings:
    return current_app.config["SETTINGS"]


@contextmanager
def uow() -> Iterator[Session]:
    """A unit of work on the request's own database connection.

    A request checks one connection out of the pool, on its first unit of work, and
    keeps it until it ends (`release_connection`): the pool's liveness ping and the
    checkout are paid once per request, not once per unit of work. Each unit of work
    is still its own transaction, committed or rolled back as it closes. One opened
    while another is still open gets a pooled connection of its own, as before.
    """
    connection = _request_connection()
    if connection.in_transaction():
        with unit_of_work(settings().database_url) as session:
            yield session
        return
    with unit_of_work_on(connection) as session:
        yield session


@contextmanager
def reads() -> Iterator[Session]:
    """Lookups that need no transaction, on the request's connection in autocommit.

    Each statement reads what was committed when it began, with no BEGIN and COMMIT
    round trips around it: for a request's lookups whose answers need not agree with
    each other, such as the caller's user row or an operation being polled. Anything
    that writes, or must see one snapshot, takes a unit of work (`uow`).
    """
    connection = _request_connection()
    if connection.in_transaction():
        with unit_of_work(settings().database_url) as session:
            yield session
        return
    with autocommit_on(connection) as session:
        yield session


@contextmanager
def lagging_reads() -> Iterator[Session]:
    """Reads that may trail the primary by a moment (history, statements, admin lists),
    from DATABASE_READ_URL when a replica is configured. Never for a check money
    depends on, nor for anything written: those take `uow` (the primary)."""
    s = settings()
    if s.read_url == s.database_url:
        with uow() as session:
            yield session
        return
    with read_only_unit_of_work(s.read_url) as session:
        yield session


def _request_connection() -> Connection:
    connection = g.get("db_connection")
    if connection is None:
        connection = g.db_connection = engine_for(settings().database_url).connect()
    return connection


def release_connection(_exc: BaseException | None = None) -> None:
    """The request's connection goes back to the pool: at teardown of the app context
    (a request, a CLI command), or before a long wait; a later unit of work checks one
    out again."""
    connection = g.pop("db_connection", None)
    if connection is not None:
        connection.close()


def redis() -> redis_lib.Redis:
    return vp_redis.client(settings().redis_url)


def assign_request_id() -> None:
    sent = request.headers.get("X-Request-ID", "")
    g.request_id = sent if _REQUEST_ID_RE.match(sent) else str(uuid.uuid4())


def client_ip() -> str:
    # ProxyFix (configured with the number of trusted proxies) has already replaced
    # remote_addr when X-Forwarded-For may be believed.
    return request.remote_addr or "unknown"


def actor():
    """The caller as an audit actor (call inside an authenticated request)."""
    from db.audit import Actor

    return Actor(user_id=g.user.id, role=g.user.role, request_id=g.get("request_id"),
                 ip_address=client_ip())
