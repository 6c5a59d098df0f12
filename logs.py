"""Log lines as JSON, one object per line, for the api, the worker and beat.

Every line carries `request_id` (null outside a request or a job started by one) and,
where there is one, `task_id` and `operation_id`; with tracing on (tracing.py), also
the `trace_id` of the span the line was written in. They travel in context variables:
the web app binds the request id for each request, the Celery signals in workers/app.py
bind a task's ids while it runs. A record's own attribute (`extra={...}`) wins.
"""
from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import datetime, timezone

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
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str)


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
