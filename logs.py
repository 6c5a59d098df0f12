"""Log lines as JSON, one object per line, for the api, the worker and beat.

Every line carries `request_id` (null outside a request or a job started by one) and,
where there is one, `task_id` and `operation_id`; with tracing on (tracing.py), also
the `trace_id` of the span the line was written in. They travel in context variables:
the web app binds the request id for each request, the Celery signals in workers/app.py
bind a task's ids while it runs. A record's own attribute (`extra={...}`) wins.

A traceback keeps every frame but not every exception's text: a database error's text
carries the statement's bound parameters and the server's own detail ("Key (email)=
(...) already exists"), and a ValueError's the value it could not parse; any of them
may be an email, a password hash or a request's payload. Only texts written by code,
never from data, are kept (see `_describe`).
"""
from __future__ import annotations

import json
import logging
import sys
import traceback
from contextvars import ContextVar
from datetime import datetime, timezone

import psycopg

import tracing

request_id: ContextVar[str | None] = ContextVar("vp_request_id", default=None)
task_id: ContextVar[str | None] = ContextVar("vp_task_id", default=None)
operation_id: ContextVar[str | None] = ContextVar("vp_operation_id", default=None)
_CONTEXT = {"request_id": request_id, "task_id": task_id, "operation_id": operation_id}


def bind(**values: str | None) -> None:
    for name, value in values.items():
        _CONTEXT[name].set(None if value is None else str(value))


def clear() -> None:
    for var in _CONTEXT.values():
        var.set(None)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "timestamp": datetime.fromtimestamp(record.created, timezone.utc)
            .isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, var in _CONTEXT.items():
            value = getattr(record, name, None) or var.get()
            if value is not None or name == "request_id":
                line[name] = value
        trace_id = tracing.trace_id()  # None (and no field) when tracing is off
        if trace_id:
            line["trace_id"] = trace_id
        if record.exc_info and record.exc_info[1] is not None:
            line["exception"] = format_exception(record.exc_info[1])
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str)


# Exceptions whose text is written by code and never quotes data it was given.
_TEXT_FROM_CODE = (AttributeError, NameError, ImportError, NotImplementedError, RecursionError,
                   IndexError, TypeError, OSError)
_WITHHELD = "(text withheld from the log: it may quote request data)"


def format_exception(exc: BaseException) -> str:
    """The traceback of `exc` and of the exceptions that led to it, frames intact,
    each exception's text reduced to what `_describe` lets through."""
    chain: list[BaseException] = []
    while exc is not None and exc not in chain:
        chain.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    parts = [
        "Traceback (most recent call last):\n" + "".join(traceback.format_tb(one.__traceback__))
        + f"{type(one).__module__}.{type(one).__qualname__}: {_describe(one)}\n"
        for one in reversed(chain)
    ]
    return "\nThe above exception led to the following:\n\n".join(parts)


def _describe(exc: BaseException) -> str:
    if hasattr(exc, "error_code"):  # domain errors: their text is what clients are shown
        return str(exc)
    database = _describe_database_error(exc)
    if database is not None:
        return database
    return str(exc) if isinstance(exc, _TEXT_FROM_CODE) else _WITHHELD


def _describe_database_error(exc: BaseException) -> str | None:
    """SQLAlchemy's statement (placeholders, not values) and the driver's SQLSTATE and
    object names; never the parameters, and the server's message only for conditions
    whose messages never quote a value (see `_condition`)."""
    driver_error = getattr(exc, "orig", None) or exc
    statement = getattr(exc, "statement", None)
    if statement is None and not isinstance(driver_error, psycopg.Error):
        return None
    sqlstate = getattr(driver_error, "sqlstate", None)
    diag = getattr(driver_error, "diag", None)
    names = {name: getattr(diag, name, None)
             for name in ("table_name", "column_name", "constraint_name")}
    facts = [f"sqlstate={sqlstate}"] + [f"{k}={v}" for k, v in names.items() if v]
    if statement is not None:
        facts.append(f"statement={' '.join(str(statement).split())}")
    return f"{type(driver_error).__name__} " + " ".join(facts) + f"; {_condition(driver_error)}"


# SQLSTATE classes whose messages name a condition, never a value: connection (08),
# transaction rollback, e.g. "deadlock detected" (40), insufficient resources (53),
# lock not available (55), operator intervention (57), system error (58).
_CONDITIONS_WITHOUT_VALUES = ("08", "40", "53", "55", "57", "58")


def _condition(driver_error: BaseException) -> str:
    sqlstate = getattr(driver_error, "sqlstate", None)
    connection_level = sqlstate is None and isinstance(driver_error, psycopg.OperationalError)
    if connection_level or (sqlstate or "")[:2] in _CONDITIONS_WITHOUT_VALUES:
        return str(driver_error).strip().splitlines()[0] if str(driver_error).strip() else ""
    return _WITHHELD


class JsonHandler(logging.StreamHandler):
    """Writes to the stream given, or to whatever sys.stderr is at the time (so test
    runners that swap sys.stderr still see the lines)."""

    def __init__(self, stream=None):
        super().__init__(stream)
        self._fixed_stream = stream
        self.setFormatter(JsonFormatter())

    @property
    def stream(self):
        return self._fixed_stream or sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        self._fixed_stream = value


def configure(level: int | str | None = None, app_level: int | str | None = None,
              detached: tuple[str, ...] = ()) -> None:
    """Send every record reaching the root logger out as JSON (idempotent).

    `level`, when given, is the root's level; `app_level` our own loggers' (`vaultpay.*`),
    so the API can log its INFO lines while libraries stay at the root's WARNING.
    `detached` names loggers that do not propagate to the root: they get the handler too.
    """
    for logger in (logging.getLogger(), *map(logging.getLogger, detached)):
        for handler in [h for h in logger.handlers if isinstance(h, JsonHandler)]:
            logger.removeHandler(handler)
        logger.addHandler(JsonHandler())
    if level is not None:
        logging.getLogger().setLevel(level)
    if app_level is not None:
        logging.getLogger("vaultpay").setLevel(app_level)
