"""`Prefer: wait=N` (RFC 7240): hold the response until the operation finishes or N
seconds pass. The worker publishes on a Redis channel when it finishes an operation,
so waiting costs no database polling."""
from __future__ import annotations

import re
import time
import uuid

import redis as redis_lib

from db.models import Operation
from db.redis import key
from web import context

# At most 9 digits read: the wait is capped at seconds anyway, and int() of thousands of
# digits raises (Python's digit limit), which was a 500.
_WAIT_RE = re.compile(r"(?:^|[,;\s])wait\s*=\s*(\d{1,9})", re.IGNORECASE)
FINISHED = ("completed", "failed")


def requested_wait(prefer_header: str | None) -> int:
    """Seconds asked for, capped at the maximum; 0 when absent or unreadable
    (RFC 7240: a preference that cannot be honoured is ignored, not an error)."""
    match = _WAIT_RE.search(prefer_header or "")
    if not match:
        return 0
    return min(int(match.group(1)), context.settings().max_prefer_wait_s)


def wait_until_finished(operation_id: uuid.UUID, seconds: int) -> None:
    try:
        _wait(operation_id, seconds)
    except (redis_lib.ConnectionError, redis_lib.TimeoutError):
        return  # waiting is a courtesy: without Redis the client polls instead


def _wait(operation_id: uuid.UUID, seconds: int) -> None:
    pubsub = context.redis().pubsub(ignore_subscribe_messages=True)
    try:
        # Subscribe before looking, so a finish between the look and the wait is heard.
        pubsub.subscribe(key("op", "done", operation_id))
        if _finished(operation_id):
            return
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            if pubsub.get_message(timeout=min(remaining, 1.0)) is not None:
                return
    finally:
        pubsub.close()


def _finished(operation_id: uuid.UUID) -> bool:
    with context.uow() as session:
        return session.get(Operation, operation_id).status in FINISHED
