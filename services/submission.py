"""Submitting a money operation: the synchronous half of a top-up, send, withdrawal or
hold (a hold is checked like a send to its payee: API.md section 14).

First lookups and checks in autocommit reads (idempotency key, wallet, recipient,
limits, IP trust); then one unit of work checks the PIN and records the operation,
whose posting job is published after it commits (the operation row is its own outbox
record). The user's first IP is trusted in that same unit of work, so only an accepted
request trusts it; any other untrusted IP is refused in a unit of work of its own. A
refusal commits what it must leave behind (a counted wrong PIN, the IP-confirmation
email job) before it is raised. No ledger arithmetic happens here: the posting engine
(domain/posting.py) checks everything again under lock.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import redis as redis_lib
from sqlalchemy.orm import Session

from db import operations, outbox
from db.audit import Actor
from db.models import Operation, Wallet
from db.operations import NewOperation
from db.wallets import own_and_other
from domain import errors, idempotency
from domain.holds import DEFAULT_EXPIRES_IN_S
from domain.idempotency import same_request
from domain.ledger import HOLD, SEND, WITHDRAW, ensure_covers
from domain.wallets import ensure_can_move_money, ensure_can_receive
from services import UnitOfWork, fx, ip_trust, limits
from services.pin_counter import attempt
from settings import Settings
from workers.names import POSTING_TASKS


@dataclass(frozen=True)
class Resources:
    """What a submission uses from the process serving it: `reads` opens autocommit
    lookups, `uow` a unit of work (both on the request's connection in the API)."""

    reads: UnitOfWork
    uow: UnitOfWork
    settings: Settings
    redis: redis_lib.Redis


@dataclass(frozen=True)
class MoneyRequest:
    """A parsed top-up, send or withdrawal: the body as validated (`pin` included, used
    for the check and never stored) and its Idempotency-Key."""

    kind: str
    body: dict
    idempotency_key: str
    trace_context: dict | None = None  # the posting span links to it


@dataclass(frozen=True)
class Submitted:
    operation: Operation  # or the Row just inserted (db.operations.insert_once)
    replayed: bool


def submit(res: Resources, actor: Actor, request: MoneyRequest) -> Submitted:
    kind, body = request.kind, request.body
    fingerprint = idempotency.fingerprint(kind, body)
    # Advisory checks (the worker checks again under lock): no snapshot needed.
    with res.reads() as session:
        earlier = operations.by_key(session, actor.user_id, request.idempotency_key)
        if earlier is None:
            limits.enforce_request_rate(res.redis, res.settings, kind, actor.user_id)
            # Both wallets in one read; the payer's checks come first, as they always did.
            wallet, other = own_and_other(session, actor.user_id, _other_wallet_id(kind, body))
            _ensure_may_pay(wallet)
            recipient_id, fx_terms = None, None
            if kind == SEND:
                recipient_id, fx_terms = _recipient(session, actor, wallet, other, body)
            elif kind == HOLD:
                recipient_id = _payee(wallet, other, body)
            limits.check_at_submit(session, res.settings, wallet.id, kind, body["amount"])
            ip_trusted = kind not in (SEND, WITHDRAW, HOLD) or ip_trust.is_trusted(
                session, res.settings, actor.user_id, actor.ip_address or "unknown")
    if earlier is not None:
        return Submitted(same_request(earlier, fingerprint), replayed=True)
    first_ip = None if ip_trusted else ip_trust.first_or_refuse(
        res.reads, res.uow, res.redis, res.settings, kind, actor)
    new = NewOperation(
        user_id=actor.user_id, wallet_id=wallet.id, type=kind, amount=body["amount"],
        currency=wallet.currency, idempotency_key=request.idempotency_key,
        request_fingerprint=fingerprint, payload=_payload(kind, body, recipient_id, fx_terms),
        request_id=actor.request_id, trace_context=request.trace_context,
    )
    return _authorise_and_record(res, actor, new, wallet, body.get("pin"), first_ip)


def _other_wallet_id(kind: str, body: dict) -> str | None:
    """The wallet a send pays or a hold reserves for, read with the payer's."""
    if kind == SEND:
        return body["recipient_wallet_id"]
    if kind == HOLD:
        return body["payee_wallet_id"]
    return None


def _ensure_may_pay(wallet: Wallet) -> None:
    ensure_can_move_money(wallet.status, wallet.freeze_reason)
    if not wallet.kyc_verified:
        raise errors.KycNotVerified()


def _recipient(session: Session, actor: Actor, sender: Wallet, recipient: Wallet | None,
               body: dict) -> tuple[str, dict | None]:
    """The recipient's wallet id, and the FX quote terms of a send across currencies."""
    recipient = _receiving_wallet(sender, recipient, body["recipient_wallet_id"])
    return recipient.id, fx.terms_for_send(session, actor.user_id, sender.currency,
                                           recipient.currency, body["amount"], body.get("quote_id"))


def _payee(payer: Wallet, payee: Wallet | None, body: dict) -> str:
    """A hold's payee: like a send's recipient, in the payer's own currency (a hold
    never converts)."""
    payee = _receiving_wallet(payer, payee, body["payee_wallet_id"])
    if payee.currency != payer.currency:
        raise errors.CurrencyMismatch()
    return payee.id


def _receiving_wallet(sender: Wallet, recipient: Wallet | None, recipient_id: str) -> Wallet:
    """`recipient`: the row read for `recipient_id` (None: there is none)."""
    if recipient_id == sender.id:
        raise errors.SelfTransferNotAllowed()
    if recipient is None:
        raise errors.RecipientWalletNotFound()
    ensure_can_receive(recipient.status, recipient.freeze_reason)
    return recipient


def _payload(kind: str, body: dict, recipient_id: str | None, fx_terms: dict | None) -> dict:
    """What the worker and the ledger need, and nothing secret (no PIN, no full account)."""
    if kind == SEND:
        payload = {"recipient_wallet_id": recipient_id, "description": body.get("description")}
        return {**payload, "fx": fx_terms} if fx_terms else payload
    if kind == WITHDRAW:
        return {"bank_account": "XXXX" + body["bank_account"][-4:], "ifsc": body["ifsc"]}
    if kind == HOLD:  # the hold's id is known from acceptance: the posting creates it
        return {"hold_id": str(uuid.uuid4()), "payee_wallet_id": recipient_id,
                "description": body.get("description"),
                "expires_in_s": body.get("expires_in_s") or DEFAULT_EXPIRES_IN_S}
    return {"payment_method": body["payment_method"], "metadata": body.get("metadata") or {}}


def _authorise_and_record(res: Resources, actor: Actor, new: NewOperation, wallet: Wallet,
                          pin: str | None, first_ip: str | None) -> Submitted:
    with res.uow() as session:
        refusal = _refusal(session, res.settings, actor, new, wallet, pin)
        if refusal is None and first_ip is not None:
            # Only an accepted request trusts the user's first IP (a refused one, e.g.
            # a wrong PIN, trusts nothing).
            refusal = ip_trust.trust_first(session, res.redis, res.settings, new.type,
                                           wallet.user_id, first_ip, actor.request_id)
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
        return Submitted(same_request(earlier, new.request_fingerprint), replayed=True)
    return Submitted(operation, replayed=False)


def _refusal(session: Session, settings: Settings, actor: Actor, new: NewOperation,
             wallet: Wallet, pin: str | None) -> errors.VaultPayError | None:
    if pin is not None:
        refusal = attempt(session, settings, actor, wallet.id, pin)
        if refusal is not None:
            return refusal
    if new.type == SEND:
        refusal = fx.refusal_at_acceptance(session, new.user_id, new.payload.get("fx"))
        if refusal is not None:
            return refusal
    if new.type in (SEND, WITHDRAW, HOLD):
        try:
            # What is available: the balance less active holds.
            ensure_covers(wallet.balance - wallet.held, new.amount)
        except errors.InsufficientBalance as refusal:
            return refusal
    return None
