"""The request's side of submitting a money operation (services/submission.py): the
Idempotency-Key header, and the caller, connection, settings and Redis of this request."""
from __future__ import annotations

import re

import tracing
from domain import errors
from services import submission
from services.submission import MoneyRequest, Submitted
from web import context

_KEY_RE = re.compile(r"^[\x20-\x7e]{1,255}$")


def idempotency_key(header_value: str | None) -> str:
    if header_value is None or not _KEY_RE.match(header_value):
        raise errors.IdempotencyKeyRequired(
            details={"Idempotency-Key": ["Send 1 to 255 printable ASCII characters"]})
    return header_value


def resources() -> submission.Resources:
    return submission.Resources(reads=context.reads, uow=context.uow,
                                settings=context.settings(), redis=context.redis())


def submit(kind: str, body: dict, key: str) -> Submitted:
    request = MoneyRequest(kind, body, key, trace_context=tracing.current_context())
    return submission.submit(resources(), context.actor(), request)
