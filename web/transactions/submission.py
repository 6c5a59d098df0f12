"""Submitting a money operation: the synchronous half of a top-up, send or withdrawal.

First lookups and checks in autocommit reads (idempotency key, wallet, recipient,
limits, IP trust); then one unit of work checks the PIN and records the operation (its
own outbox record), and the posting job is published after it commits. The user's
first IP is trusted in that same unit of work, so only an accepted request trusts it;
any other untrusted IP is refused in a unit of work of its own. A refusal commits
what it must leave behind (a counted wrong PIN, the IP-confirmation email job) before
it is raised. No ledger arithmetic happens here; the worker re-checks everything
under lock.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from flask import g
from sqlalchemy import Row

import tracing
from db import operations
from db.models import Operation, Wallet
from db.operations import NewOperation
from db.wallets import own_wallet, wallet_by_id
from domain import errors
from domain.ledger import SEND, WITHDRAW, ensure_covers
from domain.wallets import ensure_can_move_money, ensure_can_receive
from services.pin_counter import attempt
from web import context
from web.ip_trust.checks import ensure_trusted_ip, ip_is_trusted, trust_first_ip
from web.limits import checks as limit_checks
from workers import outbox
from workers.names import POSTING_TASKS

_KEY_RE = re.compile(r"^[\x20-\x7e]{1,255}$")


@dataclass(frozen=True)
class Submitted:
    operation: Operation | Row  # Row: just inserted (db.operations.insert_once)
    replayed: bool


def idempotency_key(header_value: str | None) -> str:
    if header_value is None or not _KEY_RE.match(header_value):
        raise errors.IdempotencyKeyRequired(
            details={"Idempotency-Key": ["Send 1 to 255 printable ASCII characters"]})
    return header_value


def submit(kind: str, body: dict, key: str) -> Submitted:
    fingerprint = _fingerprint(kind, body)
    # Advisory checks (the worker checks again under lock): no snapshot needed.
    with context.reads() as session:
        earlier = operations.by_key(session, g.user.id, key)
        if earlier is None:
            limit_checks.enforce_request_rate(kind)
            wallet = _wallet_that_may_pay(session)
            recipient_id = _recipient(session, wallet, body) if kind == SEND else None
            limit_checks.check_at_submit(session, wallet, kind, body["amount"])
            ip_trusted = kind not in (SEND, WITHDRAW) or ip_is_trusted(session, wallet.user_id)
    if earlier is not None:
        return _replay(earlier, fingerprint)
    first_ip = None if ip_trusted else ensure_trusted_ip(kind, wallet)
    new = NewOperation(
        user_id=g.user.id, wallet_id=wallet.id, type=kind, amount=body["amount"],
        currency=wallet.currency, idempotency_key=key, request_fingerprint=fingerprint,
        payload=_payload(kind, body, recipient_id), request_id=g.get("request_id"),
        trace_context=tracing.current_context(),  # the posting span links to it
    )
    return _authorise_and_record(new, wallet, body.get("pin"), first_ip)


def _wallet_that_may_pay(session) -> Wallet:
    wallet = own_wallet(session, g.user.id)
    ensure_can_move_money(wallet.status, wallet.freeze_reason)
    if not wallet.kyc_verified:
        raise errors.KycNotVerified()
    return wallet


def _recipient(session, sender: Wallet, body: dict) -> str:
    recipient_id = body["recipient_wallet_id"]
    if recipient_id == sender.id:
        raise errors.SelfTransferNotAllowed()
    recipient = wallet_by_id(session, recipient_id)
    if recipient is None:
        raise errors.RecipientWalletNotFound()
    ensure_can_receive(recipient.status, recipient.freeze_reason)
    if recipient.currency != sender.currency:
        raise errors.RecipientWalletInactive()
    return recipient_id


def _payload(kind: str, body: dict, recipient_id: str | None) -> dict:
    """What the worker and the ledger need, and nothing secret (no PIN, no full account)."""
    if kind == SEND:
        return {"recipient_wallet_id": recipient_id, "description": body.get("description")}
    if kind == WITHDRAW:
        return {"bank_account": "XXXX" + body["bank_account"][-4:], "ifsc": body["ifsc"]}
    return {"payment_method": body["payment_method"], "metadata": body.get("metadata") or {}}


def _fingerprint(kind: str, body: dict) -> str:
    # The PIN is not part of "the same request": a retry is the same payment whatever
    # PIN it carries, and a PIN must not be derivable from anything we store.
    comparable = {name: value for name, value in body.items() if name != "pin"}
    canonical = json.dumps({"type": kind, **comparable}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(earlier: Operation, fingerprint: str) -> Submitted:
    if earlier.request_fingerprint != fingerprint:
        raise errors.IdempotencyKeyReused()
    return Submitted(earlier, replayed=True)


def _authorise_and_record(new: NewOperation, wallet: Wallet, pin: str | None,
                          first_ip: str | None) -> Submitted:
    with context.uow() as session:
        refusal = _refusal(session, new, wallet, pin)
        if refusal is None and first_ip is not None:
            # Only an accepted request trusts the user's first IP (a refused one, e.g.
            # a wrong PIN, trusts nothing).
            refusal = trust_first_ip(session, new.type, wallet.user_id, first_ip)
        if refusal is None:
            operation = operations.insert_once(session, new)
            if operation is None:  # a concurrent request with the same key won
                earlier = operations.by_key(session, new.user_id, new.idempotency_key)
            else:
                outbox.publish_after_commit(session, POSTING_TASKS[new.type], [str(operation.id)],
                                            {"request_id": new.request_id})
    if refusal is not None:
        raise refusal  # after the commit: a wrong PIN stays counted
    if operation is None:
        return _replay(earlier, new.request_fingerprint)
    return Submitted(operation, replayed=False)


def _refusal(session, new: NewOperation, wallet: Wallet, pin: str | None) -> errors.VaultPayError | None:
    if pin is not None:
        refusal = attempt(session, context.settings(), context.actor(), wallet.id, pin)
        if refusal is not None:
            return refusal
    if new.type in (SEND, WITHDRAW):
        try:
            ensure_covers(wallet.balance, new.amount)
        except errors.InsufficientBalance as refusal:
            return refusal
    return None
