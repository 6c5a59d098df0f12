"""The posting job: take the wallet locks, re-check everything under row locks, and
write one balanced journal, or fail the operation having moved nothing.

Exactly-once effect under at-least-once delivery: the operation row is locked and its
status re-read inside the posting transaction, and the database refuses a second
journal for one operation.
"""
from __future__ import annotations

import logging
import uuid
from contextlib import nullcontext

import redis as redis_lib
from sqlalchemy import text
from sqlalchemy.orm import object_session

from db import disputes, ledger
from db.limits import enforce_period_limits
from db.models import Operation
from db.redis import key
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
)
from settings import Settings
from workers import events, metrics, outbox
from workers.app import POSTING_TASKS
from workers.locks import wallet_locks

log = logging.getLogger("vaultpay.posting")
TERMINAL = ("completed", "failed")


def post_operation(s: Settings, r: redis_lib.Redis, operation_id: uuid.UUID) -> str | None:
    """Post one operation; returns its final status, or None if it was already final."""
    with unit_of_work(s.database_url) as session:
        operation = session.get(Operation, operation_id)
    if operation is None or operation.status in TERMINAL:
        return None
    locks = (wallet_locks(r, involved_wallets(operation), s.wallet_lock_ttl_ms)
             if s.wallet_locks_enabled else nullcontext())
    with locks:
        with unit_of_work(s.database_url) as session:
            deliveries = ledger.record_delivery(session, operation_id)
        if deliveries is None:
            return None
        if deliveries > s.max_posting_deliveries:
            status = _dead_letter(s, operation_id, deliveries)
            if status is not None:
                metrics.DEAD_LETTERS.labels(operation.type).inc()
        else:
            status = _post_under_lock(s, operation_id)
    if status is not None:
        metrics.operation_finished(operation.type, status, operation.created_at)
        r.publish(key("op", "done", operation_id), status)
        log.info("operation_id=%s finished status=%s", operation_id, status)
    return status


def involved_wallets(operation: Operation) -> list[str]:
    if operation.type == REFUND:
        other = operation.payload.get("source_wallet_id")
    else:
        other = operation.payload.get("recipient_wallet_id")
    return sorted({operation.wallet_id, other} - {None})


def _post_under_lock(s: Settings, operation_id: uuid.UUID) -> str | None:
    with unit_of_work(s.database_url) as session:
        operation = ledger.lock_operation(session, operation_id)
        if operation is None or operation.status in TERMINAL:
            return None
        wallets = ledger.lock_wallets(session, involved_wallets(operation))
        try:
            legs = _plan(operation, wallets)
            enforce_period_limits(session, operation)
        except errors.VaultPayError as refused:
            ledger.finish(session, operation, error_code=refused.error_code,
                          error_message=refused.message)
            events.operation_finished(session, operation)
            return "failed"
        reference_id = new_reference_id()
        description, metadata = _journal_text(operation)
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


def _journal_text(operation: Operation) -> tuple[str | None, dict]:
    payload = dict(operation.payload)
    description = payload.pop("description", None)
    payload.pop("recipient_wallet_id", None)
    metadata = payload.pop("metadata", None) or {}
    return description, {**payload, **metadata}


def _dead_letter(s: Settings, operation_id: uuid.UUID, deliveries: int) -> str | None:
    # A job that keeps killing its worker would otherwise be redelivered forever.
    log.error("operation_id=%s dead-lettered after %s deliveries", operation_id, deliveries)
    with unit_of_work(s.database_url) as session:
        operation = ledger.lock_operation(session, operation_id)
        if operation is None or operation.status in TERMINAL:
            return None
        failure = errors.PostingFailed()
        ledger.finish(session, operation, error_code=failure.error_code,
                      error_message=failure.message)
        events.operation_finished(session, operation)
        return "failed"


def requeue_stuck(s: Settings, batch: int = 500) -> int:
    """Re-send the posting job of operations that have waited too long: their message
    was lost (Redis restarted, a worker vanished). Posting is idempotent, so a message
    that was only slow does no harm."""
    with unit_of_work(s.database_url) as session:
        rows = session.execute(text(
            "UPDATE operations SET updated_at = now() WHERE id IN ("
            " SELECT id FROM operations WHERE status IN ('queued', 'processing')"
            " AND updated_at < now() - make_interval(secs => :stuck)"
            " ORDER BY updated_at LIMIT :batch FOR UPDATE SKIP LOCKED)"
            " RETURNING id, type, request_id"
        ), {"stuck": s.stuck_operation_s, "batch": batch}).all()
    for row in rows:
        outbox.publish(POSTING_TASKS[row.type], [str(row.id)], {"request_id": row.request_id})
    if rows:
        log.warning("re-sent %s stuck operations", len(rows))
    return len(rows)
