"""Posting one operation in its own transaction: refunds, operations whose earlier
delivery never finished, the one-by-one retry of a batch the database refused, and
dead-lettering. The rules are the batch's (domain/ledger.py); only the unit differs.
"""
from __future__ import annotations

import logging
import uuid

import redis as redis_lib
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import object_session

from db import disputes, ledger
from db.limits import enforce_period_limits
from db.models import Operation
from db.session import unit_of_work
from domain import errors
from domain.ledger import (
    CATEGORY,
    REFUND,
    SEND,
    TOPUP,
    WITHDRAW,
    WalletState,
    new_reference_id,
    plan_refund,
    plan_topup,
    plan_transfer,
    plan_withdrawal,
    wallets_of,
)
from settings import Settings
from workers import batch, events, metrics

log = logging.getLogger("vaultpay.posting")
TERMINAL = ("completed", "failed")
# Errors after which the job is retried by Celery with a backoff (workers/tasks.py).
TRANSIENT = (OperationalError, redis_lib.ConnectionError, redis_lib.TimeoutError)


def transient(exc: BaseException) -> bool:
    """An outage worth retrying (the job is retried with backoff), not a fault of the
    operations being posted."""
    return isinstance(exc, TRANSIENT) or bool(getattr(exc, "connection_invalidated", False))


def post(s: Settings, operation) -> str | None:
    """`post_under_lock`, except that an unexpected error (a constraint, a bug) puts the
    operation straight back in the queue with its delivery counted, instead of failing
    the whole job: it comes back alone until MAX_POSTING_DELIVERIES dead-letters it."""
    try:
        return post_under_lock(s, operation.id)
    except Exception as exc:
        if transient(exc):
            raise
        log.exception("operation_id=%s could not be posted (delivery %s)", operation.id,
                      operation.deliveries)
        give_back(s, [operation])
        return None


def give_back(s: Settings, operations: list) -> None:
    """Best effort: a batch that could not reach the database goes back to the queue
    at once (its delivery still counted); if this fails too, the sweeper does it."""
    try:
        with unit_of_work(s.database_url) as session:
            ledger.unclaim(session, [op.id for op in operations], count_delivery=True)
    except Exception:
        log.warning("could not give back %s claimed operations; the sweeper will", len(operations))


def post_under_lock(s: Settings, operation_id: uuid.UUID) -> str | None:
    with unit_of_work(s.database_url) as session:
        operation = ledger.lock_operation(session, operation_id)
        if operation is None or operation.status in TERMINAL:
            return None
        wallets = ledger.lock_wallets(session, wallets_of(operation))
        if ledger.behind_earlier(session, [operation]):
            ledger.unclaim(session, [operation.id])  # waits its wallet's turn
            return None
        try:
            legs = _plan(operation, wallets)
            enforce_period_limits(session, operation)
        except errors.VaultPayError as refused:
            ledger.finish(session, operation, error_code=refused.error_code,
                          error_message=refused.message)
            events.operation_finished(session, operation)
            return "failed"
        reference_id = new_reference_id()
        description, metadata = batch.journal_text(operation.payload)
        ledger.write_journal(session, operation, CATEGORY[operation.type], reference_id,
                             legs, description, metadata)
        ledger.finish(session, operation, reference_id=reference_id)
        events.operation_finished(session, operation)
        return "completed"


def _plan(operation: Operation, wallets: dict[str, WalletState]):
    wallet = wallets[operation.wallet_id]
    if operation.type == TOPUP:
        return plan_topup(wallet, operation.amount)
    if operation.type == WITHDRAW:
        return plan_withdrawal(wallet, operation.amount)
    if operation.type == SEND:
        recipient = wallets.get(operation.payload["recipient_wallet_id"])
        return plan_transfer(wallet, recipient, operation.amount)
    if operation.type == REFUND:
        return _plan_refund(operation, wallets)
    raise ValueError(f"unknown operation type {operation.type!r}")


def _plan_refund(operation: Operation, wallets: dict[str, WalletState]):
    """A refund operation belongs to the disputer (`wallet_id` is the wallet credited);
    `source_wallet_id` is the wallet paid back from, absent for a withdrawal."""
    # Re-checked in the posting transaction itself, which holds the wallet row locks.
    disputes.ensure_refund_fits(object_session(operation), operation)
    source = operation.payload.get("source_wallet_id")
    payer = wallets[source] if source else None
    return plan_refund(wallets[operation.wallet_id], payer, operation.amount)


def dead_letter(s: Settings, claimed) -> str | None:
    # A job that keeps killing its worker would otherwise be redelivered forever.
    log.error("operation_id=%s dead-lettered after %s deliveries", claimed.id, claimed.deliveries)
    with unit_of_work(s.database_url) as session:
        operation = ledger.lock_operation(session, claimed.id)
        if operation is None or operation.status in TERMINAL:
            return None
        failure = errors.PostingFailed()
        ledger.finish(session, operation, error_code=failure.error_code,
                      error_message=failure.message)
        events.operation_finished(session, operation)
    metrics.DEAD_LETTERS.labels(claimed.type).inc()
    return "failed"
