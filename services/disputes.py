"""Resolving a dispute, by a moderator who is not a party to it: one transaction that
locks the dispute, decides, creates the refund operation (and its outbox row), and
writes the audit row, the disputer's notification and the `dispute.resolved` webhook
event, so that all of it exists or none of it does."""
from __future__ import annotations

import hashlib
import uuid
from decimal import Decimal

from sqlalchemy.orm import Session

import tracing
from db import audit, disputes, operations, outbox
from db.models import Dispute
from db.notifications import notify
from db.operations import NewOperation
from db.wallets import wallet_by_id
from domain import disputes as rules
from domain import errors
from domain.audit import RESOLVE_DISPUTE
from domain.duties import ensure_not_party
from domain.ledger import REFUND
from domain.money import format_amount
from domain.webhooks import DISPUTE_RESOLVED
from services import events
from workers.names import POSTING_TASKS

OWN_DISPUTE = "Another moderator must resolve a dispute you are a party to"


def resolve(session: Session, actor: audit.Actor, dispute_id: uuid.UUID, decision: dict) -> None:
    """`decision`: `resolution` (refund or reject), `resolution_notes`, and for a refund
    an optional `refund_amount` (default: what is left to refund)."""
    dispute = _locked(session, dispute_id)
    original = disputes.disputed_row(session, dispute.transaction_id)
    ensure_not_party(actor.user_id, _parties(session, dispute, original), OWN_DISPUTE)
    status = rules.resolve(dispute.status, decision["resolution"])
    refund = None
    if status == rules.RESOLVED_REFUND:
        refund = _refund(session, actor, dispute, original, decision.get("refund_amount"))
    notes = decision["resolution_notes"]
    disputes.resolve(session, dispute, status, notes, actor.user_id, refund)
    audit.record(session, actor, RESOLVE_DISPUTE, "dispute", dispute.id,
                 before={"status": rules.OPEN}, after=_after(status, refund), reason=notes)
    _notify(session, dispute, original, refund, notes)


def _parties(session, dispute: Dispute, original) -> list[uuid.UUID | None]:
    """The disputer and, for a send, the owner of the wallet that was paid: the refund
    would come out of it, so its owner must not decide either."""
    paid = original.counterparty_wallet_id and wallet_by_id(session, original.counterparty_wallet_id)
    return [dispute.user_id, paid.user_id if paid else None]


def _locked(session, dispute_id: uuid.UUID) -> Dispute:
    dispute = disputes.lock(session, dispute_id)
    if dispute is None:
        raise errors.DisputeNotFound()
    return dispute


def _refund(session, actor: audit.Actor, dispute: Dispute, original,
            requested: Decimal | None) -> operations.Inserted:
    _ensure_one_currency(session, original)
    disputes.serialize_refunds_of(session, dispute.transaction_id)
    already = disputes.refunded(session, dispute.transaction_id, disputes.PENDING_OR_DONE)
    amount = rules.refund_amount(-original.amount, already, requested)
    operation = operations.insert_once(session, NewOperation(
        user_id=dispute.user_id, wallet_id=dispute.wallet_id, type=REFUND, amount=amount,
        currency=original.currency, idempotency_key=_refund_key(dispute.id),
        request_fingerprint=hashlib.sha256(f"refund:{dispute.id}:{amount}".encode()).hexdigest(),
        payload=_payload(dispute, original), request_id=actor.request_id,
        trace_context=tracing.current_context(),
    ))
    if operation is None:  # this dispute already made its refund: it cannot be open
        raise errors.DisputeNotOpen()
    outbox.enqueue_after_commit(session, POSTING_TASKS[REFUND], [str(operation.id)],
                                {"request_id": actor.request_id})
    return operation


def _ensure_one_currency(session, original) -> None:
    """A refund pays back in the currency that was paid, from the wallet that was paid:
    for a send across currencies that wallet holds another currency, and paying it back
    would need a conversion of its own (a reverse quote nobody has agreed to). Refused
    here, before anything is recorded, rather than failing at posting: the moderator
    rejects it or settles it outside the ledger."""
    if original.category != "transfer" or original.counterparty_wallet_id is None:
        return
    payee = wallet_by_id(session, original.counterparty_wallet_id)
    if payee is not None and payee.currency != original.currency:
        raise errors.CurrencyMismatch(
            "A transfer across currencies cannot be refunded through a dispute: the "
            "wallet that was paid holds another currency")


def _refund_key(dispute_id: uuid.UUID) -> str:
    # "§" is outside the printable ASCII a client's Idempotency-Key may use, so a user
    # cannot take this key first with a top-up of their own and block the refund.
    return f"§dispute-refund:{dispute_id}"


def _payload(dispute: Dispute, original) -> dict:
    payload = {"dispute_id": str(dispute.id), "original_reference_id": original.reference_id,
               "description": f"Refund of {original.reference_id}"}
    if original.category == "transfer":
        payload["source_wallet_id"] = original.counterparty_wallet_id
    return payload


def _after(status: str, refund: operations.Inserted | None) -> dict:
    if refund is None:
        return {"status": status}
    return {"status": status, "refund_amount": format_amount(refund.amount),
            "refund_operation_id": str(refund.id)}


def _notify(session, dispute: Dispute, original, refund: operations.Inserted | None, notes: str) -> None:
    if refund is None:
        body = f"Your dispute about {original.reference_id} was rejected: {notes}"
    else:
        body = (f"Your dispute about {original.reference_id} was accepted: a refund of "
                f"{format_amount(refund.amount)} {refund.currency} is on its way.")
    outcome = {
        "dispute_id": str(dispute.id),
        "resolution": "refund" if refund else "rejected",
        "refund_amount": format_amount(refund.amount) if refund else None,
        "refund_operation_id": str(refund.id) if refund else None,
    }
    notify(session, dispute.user_id, "dispute_resolved", "Dispute resolved", body, outcome)
    events.emit(session, dispute.user_id, DISPUTE_RESOLVED, {
        **outcome, "transaction_id": str(dispute.transaction_id),
        "reference_id": original.reference_id, "resolution_notes": notes})
