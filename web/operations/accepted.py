"""The answer to every call that records an operation (money calls, holds): 202 with
its Location, 201 once finished within a `Prefer: wait`, 200 for a replay of an earlier
request with the same Idempotency-Key."""
from __future__ import annotations

from typing import Callable

from flask import request

from db import operations
from web import context
from web.envelope import ok
from web.fields import envelope
from web.operations.present import operation_view
from web.operations.schemas import OperationSchema
from web.transactions.waiting import (
    FINISHED,
    listening_since,
    requested_wait,
    wait_until_finished,
)

LOCATION = {"Location": {"description": "/api/v1/operations/{operation_id}: poll it",
                         "schema": {"type": "string"}}}
PREFER = {"in": "header", "name": "Prefer", "required": False, "schema": {"type": "string"},
          "description": "wait=N (N <= 10): wait up to N seconds for the operation to finish"}


def idempotency_key_header(required: bool = True, description: str | None = None) -> dict:
    return {"in": "header", "name": "Idempotency-Key", "required": required,
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            "description": description or "Scoped to you; the same key and body replay the"
                                          " same operation"}


def documented(blp, errors: dict[int, str], key_header: dict | None = None):
    """The OpenAPI side of `answer`: its three successes, the headers it reads, and the
    route's error codes (`errors`: status -> the codes, as views write them)."""
    def decorate(view):
        for add in (
            blp.doc(parameters=[key_header or idempotency_key_header(), PREFER],
                    responses={code: {"description": text} for code, text in errors.items()}),
            blp.alt_response(201, schema=envelope(OperationSchema),
                             description="Finished within the Prefer: wait window",
                             headers=LOCATION),
            blp.alt_response(200, schema=envelope(OperationSchema),
                             description="Replay of an earlier request with this Idempotency-Key",
                             headers={**LOCATION, "Idempotent-Replayed": {
                                 "description": "Always `true`", "schema": {"type": "string"}}}),
            blp.response(202, envelope(OperationSchema),
                         description="Accepted; poll the Location header for the outcome",
                         headers=LOCATION),
        ):
            view = add(view)
        return view

    return decorate


def answer(record: Callable[[], object]):
    """`record()` records the operation (or finds the earlier one) and returns an object
    with `operation` and `replayed`; called once the request's wait is noted."""
    wait = requested_wait(request.headers.get("Prefer"))
    since = listening_since() if wait else None  # before the operation commits
    submitted = record()
    operation_id = submitted.operation.id
    headers = {"Location": f"/api/v1/operations/{operation_id}"}
    if wait:
        # A replayed operation committed before `since`: its wait looks at the row.
        wait_until_finished(operation_id, wait, None if submitted.replayed else since)
        headers["Preference-Applied"] = f"wait={wait}"
    if wait or submitted.replayed:
        # As it is now, not as it was accepted. Autocommit reads, as a poll makes them:
        # a completed operation's ledger rows were committed with it.
        with context.reads() as session:
            operation = operations.row_by_id(session, operation_id)
            data = operation_view(session, operation)
    else:
        operation = submitted.operation  # just accepted: queued, with no ledger rows to read
        data = operation_view(None, operation)
    if submitted.replayed:
        headers["Idempotent-Replayed"] = "true"
        return ok(data, "Operation already submitted"), 200, headers
    # 201 only for a client that asked to wait: without Prefer the answer is always
    # 202, however fast the worker happened to be.
    status = 201 if wait and operation.status in FINISHED else 202
    return ok(data, "Operation accepted"), status, headers
