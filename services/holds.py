"""Holds (API.md section 14): capturing and voiding one, and the expiry job's run.

Placing a hold is a money call like a send (web/transactions/submission.py, operation
type `hold`). Capturing, voiding and expiring one are operations too: each is recorded
here and posted by the posting engine (domain/posting.py), which decides, under the
wallet row locks, whichever of them comes first; the others fail with HOLD_NOT_ACTIVE.
What is checked here is what the caller may ask (who, how much, whether the hold is
still open), so that a request that cannot succeed is refused at once.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

import tracing
from db import audit, holds, operations, outbox
from db.models import Operation
from db.operations import NewOperation
from domain import errors, idempotency
from domain import holds as rules
from domain.audit import VOID_HOLD
from domain.idempotency import same_request
from domain.ledger import CAPTURE, EXPIRE, VOID
from domain.money import format_amount
from workers.names import POSTING_TASKS

# A void sent without an Idempotency-Key gets this one: one void per caller and hold.
# "§" is outside the printable ASCII a client's key may use.
VOID_KEY_PREFIX = "§hold-void:"


@dataclass(frozen=True)
class Accepted:
    operation: Operation  # or the Row just inserted (db.operations.insert_once)
    replayed: bool


def capture(session: Session, actor: audit.Actor, hold_id: uuid.UUID,
            requested: Decimal | None, key: str) -> Accepted:
    """The payee takes `requested` (default: everything held) of an active hold; the
    rest is released when it posts. One capture per hold."""
    fingerprint = idempotency.fingerprint(CAPTURE, {
        "hold_id": str(hold_id), "amount": None if requested is None else format_amount(requested)})
    earlier = operations.by_key(session, actor.user_id, key)
    if earlier is not None:
        return Accepted(same_request(earlier, fingerprint), replayed=True)
    found = _found(session, hold_id)
    rules.ensure_may_capture(rules.role_of(_parties(found), actor.user_id))
    hold = _open(found)
    amount = rules.capture_amount(hold, requested)
    return _record(session, actor, NewOperation(
        user_id=actor.user_id, wallet_id=hold.payee_wallet_id, type=CAPTURE, amount=amount,
        currency=hold.currency, idempotency_key=key, request_fingerprint=fingerprint,
        payload={**_payload(hold), "description": hold.description},
        request_id=actor.request_id, trace_context=tracing.current_context()))


def void(session: Session, actor: audit.Actor, hold_id: uuid.UUID, key: str | None,
         reason: str | None = None) -> Accepted:
    """The payee, or a moderator or above who is not a party, releases the whole hold.
    A moderator's void is audited (VOID_HOLD) in the transaction that records it."""
    key = key or f"{VOID_KEY_PREFIX}{hold_id}"
    fingerprint = idempotency.fingerprint(VOID, {"hold_id": str(hold_id)})
    earlier = operations.by_key(session, actor.user_id, key)
    if earlier is not None:
        return Accepted(same_request(earlier, fingerprint), replayed=True)
    found = _found(session, hold_id)
    as_staff = rules.voids_as_staff(_parties(found), actor.user_id, actor.role)
    hold = _open(found)
    accepted = _record(session, actor, NewOperation(
        user_id=actor.user_id, wallet_id=hold.payer_wallet_id, type=VOID, amount=hold.amount,
        currency=hold.currency, idempotency_key=key, request_fingerprint=fingerprint,
        payload=_payload(hold), request_id=actor.request_id,
        trace_context=tracing.current_context()))
    if as_staff and not accepted.replayed:
        audit.record(session, actor, VOID_HOLD, "hold", hold.id,
                     before={"status": rules.ACTIVE, "amount": format_amount(hold.amount)},
                     after={"void_operation_id": str(accepted.operation.id)}, reason=reason)
    return accepted


def record_expiries(session: Session, limit: int) -> list[uuid.UUID]:
    """The beat job's run: an `expire` operation for each active hold past its expiry
    (at most `limit`), and the posting job rung once this transaction commits."""
    made = holds.record_expiries(session, limit)
    if made:
        outbox.publish_after_commit(session, POSTING_TASKS[EXPIRE], [])
    return made


def _found(session: Session, hold_id: uuid.UUID):
    found = holds.with_parties(session, hold_id)
    if found is None:
        raise errors.HoldNotFound()
    return found


def _parties(found) -> tuple[uuid.UUID, uuid.UUID]:
    return found.payer_user_id, found.payee_user_id


def _open(found) -> rules.Hold:
    """The hold, if it is still undecided and not past its expiry (else 409)."""
    if found.Hold.status != rules.ACTIVE or found.past_expiry:
        raise errors.HoldNotActive()
    return holds.as_hold(found.Hold)


def _payload(hold: rules.Hold) -> dict:
    # Both parties: the posting job locks exactly the wallets an operation names.
    return {"hold_id": str(hold.id), "payer_wallet_id": hold.payer_wallet_id,
            "payee_wallet_id": hold.payee_wallet_id}


def _record(session: Session, actor: audit.Actor, new: NewOperation) -> Accepted:
    operation = operations.insert_once(session, new)
    if operation is None:  # a concurrent request with the same key won
        earlier = operations.by_key(session, new.user_id, new.idempotency_key)
        return Accepted(same_request(earlier, new.request_fingerprint), replayed=True)
    outbox.publish_after_commit(session, POSTING_TASKS[new.type], [str(operation.id)],
                                {"request_id": actor.request_id})
    return Accepted(operation, replayed=False)


