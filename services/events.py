"""What a finished operation announces, written in the posting transaction: the
notifications ("money_received", "operation_failed") and the webhook events
(operation.completed / operation.failed to the owner, transaction.credited to the
owner of each credited wallet). A payout item tells its recipient like a send does,
but not its payer: the payer hears once, when the whole payout has finished
(services/payout_progress.py).

`emit()` is the one way any feature raises a webhook event (kyc.decided,
dispute.resolved ...): call it with the session of the transaction that makes the
event true, and the event exists exactly when that transaction commits.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable

from sqlalchemy.orm import Session

from db import outbox, transactions, webhooks
from db.models import Operation
from db.notifications import notice, notify_many
from domain.holds import hold_id_of
from domain.ledger import EXPIRE, HOLD_TYPES, PAYOUT_ITEM, REFUND, SEND
from domain.money import format_amount
from domain.webhooks import (
    EVENT_TYPES,
    OPERATION_COMPLETED,
    OPERATION_FAILED,
    TRANSACTION_CREDITED,
)
from services import hold_events
from workers.names import DELIVER_WEBHOOK

# (user to tell, event type, the event's data, built only if someone subscribed)
Announcement = tuple[uuid.UUID, str, Callable[[], dict]]


def emit(session: Session, user_id: uuid.UUID, event_type: str, data: dict) -> int:
    """Raise `event_type` for `user_id`'s webhooks in this transaction; returns how many
    deliveries were queued (0, after one indexed lookup, when nobody subscribed).

    `data` becomes the event's "data": JSON types, plus Decimal (money, sent as a
    two-decimal string), UUID, date and datetime. Put nothing secret in it.
    """
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r}")
    return _announce(session, [(user_id, event_type, lambda: data)])


def operations_finished(session: Session, finished: list) -> None:
    """Called by the posting job once operations reached completed or failed, in the
    same transaction, so the announcements exist exactly when the outcomes do: the
    notifications in one statement, and one subscription lookup; only operations whose
    users subscribed to webhooks are loaded and announced one by one.

    Each item is a domain.posting.Outcome: the operation's attributes the notices read
    (id, user_id, wallet_id, type, status, amount, currency, reference_id, error_code,
    error_message) and `credited`, the (wallet_id, user_id) pairs its journal credited."""
    notify_many(session, [row for each in finished for row in notices(each, each.credited)])
    users = set().union(*map(_told, finished))
    subscribed = {s.user_id for s in webhooks.subscriptions(
        session, users, {OPERATION_COMPLETED, OPERATION_FAILED, TRANSACTION_CREDITED})}
    for each in finished:
        if subscribed & _told(each):
            operation = session.get(Operation, each.id)
            _announce(session, _announcements(session, operation, each.credited))
    # Holds placed or decided: hold.* to both parties (services/hold_events.py).
    held = [a for each in finished if each.hold is not None
            for a in hold_events.announcements(session, each)]
    if held:
        _announce(session, held)


def _told(finished) -> set[uuid.UUID]:
    """The users a finished operation's webhook events go to."""
    credited = {user for _, user in finished.credited}
    return credited if finished.type == PAYOUT_ITEM else {finished.user_id} | credited


def _announcements(session: Session, operation: Operation,
                   credited: list[tuple[str, uuid.UUID]]) -> list[Announcement]:
    # A payout item's payer hears of the payout as a whole (payout.finished).
    told_owner = operation.type != PAYOUT_ITEM
    if operation.status == "failed":
        return [(operation.user_id, OPERATION_FAILED,
                 lambda: operation_data(session, operation))] if told_owner else []
    announcements: list[Announcement] = [
        (operation.user_id, OPERATION_COMPLETED, lambda: operation_data(session, operation))
    ] if told_owner else []
    for wallet_id, user_id in credited:
        announcements.append((user_id, TRANSACTION_CREDITED,
                              _credit_data(session, operation, wallet_id)))
    return announcements


def _announce(session: Session, announcements: list[Announcement]) -> int:
    found = webhooks.subscriptions(session, {user for user, _, _ in announcements},
                                   {event_type for _, event_type, _ in announcements})
    queued = 0
    for user_id, event_type, build in announcements:
        targets = [s.webhook_id for s in found if s.user_id == user_id and event_type in s.events]
        if not targets:
            continue
        delivery_ids = webhooks.record_event(session, user_id, event_type,
                                             jsonable(build()), targets)
        for delivery_id in delivery_ids:
            outbox.enqueue_after_commit(session, DELIVER_WEBHOOK, [str(delivery_id)])
        queued += len(delivery_ids)
    return queued


# --- notifications ---------------------------------------------------------------------
def notices(operation, credited: list[tuple[str, uuid.UUID]]) -> list[dict]:
    """The notification rows a finished operation writes: "operation_failed" to its
    owner (not for a payout item: its payout's notice tells), "money_received" to each
    user a send, payout item or refund credited, or a hold's notice to both its parties."""
    if operation.status == "failed":
        # An expiry that found the hold decided already is nobody's news; a payout's
        # failed items are told by the payout's own notice when it finishes.
        return [] if operation.type in (EXPIRE, PAYOUT_ITEM) else [_failed_notice(operation)]
    if operation.type in HOLD_TYPES:
        return hold_events.notices(operation)
    if operation.type not in (SEND, REFUND, PAYOUT_ITEM):
        return []
    return [_received_notice(operation, user_id) for _, user_id in credited]


def _received_notice(operation, user_id: uuid.UUID) -> dict:
    # A send across currencies credits the quote's target amount, in the recipient's currency.
    fx_terms = operation.payload.get("fx") if operation.type == SEND else None
    value, currency = ((fx_terms["target_amount"], fx_terms["target_currency"]) if fx_terms
                       else (format_amount(operation.amount), operation.currency))
    amount = f"{value} {currency}"
    metadata = {"operation_id": str(operation.id), "reference_id": operation.reference_id,
                "amount": value, "currency": currency}
    if operation.type == REFUND:
        body = f"You received a refund of {amount}."
    else:
        body = f"You received {amount} from wallet {operation.wallet_id}."
    if operation.type == PAYOUT_ITEM:
        reference = operation.payload.get("reference")
        body += f" Reference: {reference}." if reference else ""
        metadata.update(payout_id=operation.payload["payout_id"], reference=reference)
    return notice(user_id, "money_received", "Money received", body, metadata)


def _failed_notice(operation) -> dict:
    amount = f"{format_amount(operation.amount)} {operation.currency}"
    return notice(operation.user_id, "operation_failed", "Operation failed",
                  f"Your {operation.type} of {amount} failed: {operation.error_message}", {
                      "operation_id": str(operation.id), "type": operation.type,
                      "error_code": operation.error_code,
                  })


# --- event data ------------------------------------------------------------------------
def operation_data(session: Session, operation: Operation) -> dict:
    """The operation object of GET /operations/{id}, as its owner sees it."""
    session.flush()  # finished_at is set by the database; read it back
    completed = operation.status == "completed"
    rows = transactions.of_operation(session, operation.wallet_id, operation.id) if completed else []
    return {
        "operation_id": operation.id, "type": operation.type, "status": operation.status,
        "amount": operation.amount, "currency": operation.currency,
        "created_at": operation.created_at, "finished_at": operation.finished_at,
        "result": ({"reference_id": operation.reference_id,
                    "transactions": [dict(row) for row in rows],
                    **hold_id_of(operation.type, operation.payload)} if completed else None),
        "error": (None if completed else
                  {"error_code": operation.error_code, "message": operation.error_message}),
    }


def _credit_data(session: Session, operation: Operation, wallet_id: str) -> Callable[[], dict]:
    def build() -> dict:
        rows = transactions.of_operation(session, wallet_id, operation.id)
        return next(dict(row) for row in rows if row["type"] == "credit")

    return build


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
