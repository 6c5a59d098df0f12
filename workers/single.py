"""Posting one operation in its own transaction: refunds, operations whose earlier
delivery never finished, the one-by-one retry of a batch the database refused, and
dead-lettering. The engine is the batch's (workers/batch.py); only the unit differs.
"""
from __future__ import annotations

import logging

from db import ledger
from db.session import unit_of_work
from db.transient import is_transient
from domain import errors
from domain.posting import Operation, Outcome
from settings import Settings
from workers import batch, metrics

log = logging.getLogger("vaultpay.posting")


def post(s: Settings, operation: Operation) -> Outcome | None:
    """`post_alone`, except that an unexpected error (a constraint, a bug) puts the
    operation straight back in the queue with its delivery counted, instead of failing
    the whole job: it comes back alone until MAX_POSTING_DELIVERIES dead-letters it."""
    try:
        return post_alone(s, operation)
    except Exception as exc:
        if is_transient(exc):
            raise
        log.exception("operation_id=%s could not be posted (delivery %s)", operation.id,
                      operation.deliveries)
        give_back(s, [operation])
        return None


def post_alone(s: Settings, operation: Operation) -> Outcome | None:
    """The operation's outcome, or None if another worker finished it meanwhile."""
    with unit_of_work(s.database_url) as session:
        outcomes = batch.post(session, [operation])
    return outcomes[0] if outcomes else None


def give_back(s: Settings, operations: list) -> None:
    """Best effort: a batch that could not reach the database goes back to the queue
    at once (its delivery still counted); if this fails too, the sweeper does it."""
    try:
        with unit_of_work(s.database_url) as session:
            ledger.unclaim(session, [op.id for op in operations], count_delivery=True)
    except Exception:
        log.warning("could not give back %s claimed operations; the sweeper will", len(operations))


def dead_letter(s: Settings, operation: Operation) -> Outcome | None:
    # A job that keeps killing its worker would otherwise be redelivered forever.
    log.error("operation_id=%s dead-lettered after %s deliveries", operation.id,
              operation.deliveries)
    with unit_of_work(s.database_url) as session:
        outcome = batch.fail(session, operation, errors.PostingFailed())
    if outcome is not None:
        metrics.DEAD_LETTERS.labels(operation.type).inc()
    return outcome
