"""Submitting a bulk payout (API.md section 15): the synchronous half.

In autocommit reads: the Idempotency-Key (a payout already made with it is replayed,
or refused as IDEMPOTENCY_KEY_REUSED when the body differs), the payer's wallet (active,
KYC tier >= 1), every recipient in one query, IP trust. Every item is checked before
anything is written (domain/payouts.py); one bad item refuses the whole request with
the problems of each by index. Then one unit of work checks the PIN once, records the
payout and all its items (queued operations of type `payout_item`, in index order) and
rings for the posting job after it commits; the items are then posted one by one by
the posting engine, each failing alone. A refusal commits what it must leave behind (a
counted wrong PIN, the IP-confirmation email job) before it is raised.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db import audit, outbox, payouts, ratelimit
from db.models import Payout, Wallet
from db.payouts import NewPayout
from db.wallets import own_wallet
from domain import errors, idempotency
from domain import payouts as rules
from domain.idempotency import same_request
from domain.ledger import PAYOUT_ITEM
from domain.payouts import Item
from domain.wallets import ensure_can_move_money
from services import ip_trust
from services.pin_counter import attempt
from services.submission import Resources
from settings import Settings
from workers.names import POSTING_TASKS

KIND = "payout"  # the action a rate limit counts and an IP-trust refusal names
RATE_WINDOW_S = 60


@dataclass(frozen=True)
class PayoutRequest:
    """A parsed POST /payouts: the items as validated ({recipient_wallet_id, amount,
    reference}), the description, the PIN (checked, never stored) and the key."""

    items: list[dict]
    description: str | None
    pin: str
    idempotency_key: str
    trace_context: str | None = None  # the posting spans link to it


@dataclass(frozen=True)
class Submitted:
    payout: Payout  # or the Row just inserted (db.payouts.insert_once)
    replayed: bool


def submit(res: Resources, actor: audit.Actor, request: PayoutRequest) -> Submitted:
    fingerprint = idempotency.fingerprint(
        "payout", {"items": request.items, "description": request.description})
    items = [Item(index, raw["recipient_wallet_id"], raw["amount"], raw.get("reference"))
             for index, raw in enumerate(request.items)]
    with res.reads() as session:
        earlier = payouts.by_key(session, actor.user_id, request.idempotency_key)
        if earlier is None:
            _ensure_within_size(items, res.settings)
            ratelimit.hit(res.redis, KIND, str(actor.user_id), res.settings.payout_rate_per_minute,
                          RATE_WINDOW_S)
            wallet = _wallet_that_may_pay(session, actor)
            recipients = payouts.recipient_currencies(
                session, sorted({item.recipient_wallet_id for item in items}))
            ip_trusted = ip_trust.is_trusted(session, res.settings, actor.user_id,
                                             actor.ip_address or "unknown")
    if earlier is not None:
        return Submitted(same_request(earlier, fingerprint), replayed=True)
    refused = rules.refusals(items, wallet.id, wallet.currency, recipients)
    if refused:
        raise errors.PayoutItemsInvalid(refused)
    first_ip = None if ip_trusted else ip_trust.first_or_refuse(
        res.reads, res.uow, res.redis, res.settings, KIND, actor)
    new = NewPayout(
        user_id=actor.user_id, wallet_id=wallet.id, currency=wallet.currency,
        item_count=len(items), total_amount=rules.total(items), description=request.description,
        idempotency_key=request.idempotency_key, request_fingerprint=fingerprint,
        request_id=actor.request_id)
    return _authorise_and_record(res, actor, new, items, request, first_ip)


def _ensure_within_size(items: list[Item], settings: Settings) -> None:
    if len(items) > settings.payout_max_items:
        raise errors.ValidationFailed(details={"items": [
            f"At most {settings.payout_max_items} items per payout"]})


def _wallet_that_may_pay(session: Session, actor: audit.Actor) -> Wallet:
    wallet = own_wallet(session, actor.user_id)
    ensure_can_move_money(wallet.status, wallet.freeze_reason)
    if not wallet.kyc_verified or wallet.kyc_tier < 1:
        raise errors.KycNotVerified()
    return wallet


def _authorise_and_record(res: Resources, actor: audit.Actor, new: NewPayout, items: list[Item],
                          request: PayoutRequest, first_ip: str | None) -> Submitted:
    with res.uow() as session:
        # One PIN check for the whole payout, counted like a send's.
        refusal = attempt(session, res.settings, actor, new.wallet_id, request.pin)
        if refusal is None and first_ip is not None:
            refusal = ip_trust.trust_first(session, res.redis, res.settings, KIND, actor.user_id,
                                           first_ip, actor.request_id)
        if refusal is None:
            payout = payouts.insert_once(session, new)
            if payout is None:  # a concurrent request with the same key won
                earlier = payouts.by_key(session, new.user_id, new.idempotency_key)
            else:
                payouts.insert_items(session, payout.id, new, items, rules.item_ids(len(items)),
                                     request.trace_context)
                # One posting job drains every item (workers/doorbell.py).
                outbox.publish_after_commit(session, POSTING_TASKS[PAYOUT_ITEM], [],
                                            {"request_id": new.request_id})
    if refusal is not None:
        raise refusal  # after the commit: a wrong PIN stays counted
    if payout is None:
        return Submitted(same_request(earlier, new.request_fingerprint), replayed=True)
    return Submitted(payout, replayed=False)

