"""Webhook endpoints (with their sealed secrets) and events. Every function takes the
caller's session and never commits; the request or job that calls it owns the
transaction."""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import ARRAY, Text, bindparam, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Session

from db import paging
from db.models import (
    Journal,
    LedgerEntry,
    Wallet,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from domain import errors
from domain.webhooks import MAX_ENDPOINTS_PER_USER
from settings import Settings


# --- the signing secret at rest --------------------------------------------------------
def sealing_key(settings: Settings) -> bytes:
    """A 256-bit key from WEBHOOK_SECRET_KEY, or from SECRET_KEY when that is unset."""
    return _derive(settings.webhook_secret_key or settings.secret_key)


@lru_cache(maxsize=8)
def _derive(material: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"vaultpay webhook secrets v1").derive(material.encode())


def seal(key: bytes, webhook_id: uuid.UUID, secret: str) -> bytes:
    nonce = os.urandom(12)
    # The webhook id as associated data: a sealed secret copied onto another row fails.
    return nonce + AESGCM(key).encrypt(nonce, secret.encode(), webhook_id.bytes)


def unseal(key: bytes, webhook_id: uuid.UUID, sealed: bytes) -> str:
    return AESGCM(key).decrypt(sealed[:12], sealed[12:], webhook_id.bytes).decode()


# --- endpoints -------------------------------------------------------------------------
def create_endpoint(session: Session, user_id: uuid.UUID, url: str, events: list[str],
                    secret: str, key: bytes) -> WebhookEndpoint:
    # Serialises one user's registrations, so that two at once cannot pass the limit.
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext('webhooks:' || :user))"),
                    {"user": str(user_id)})
    if _active_count(session, user_id) >= MAX_ENDPOINTS_PER_USER:
        raise errors.WebhookLimitReached(details={"max": MAX_ENDPOINTS_PER_USER})
    webhook_id = uuid.uuid4()
    endpoint = WebhookEndpoint(id=webhook_id, user_id=user_id, url=url, events=events,
                               secret_sealed=seal(key, webhook_id, secret))
    session.add(endpoint)
    session.flush()
    session.refresh(endpoint)
    return endpoint


def _active_count(session: Session, user_id: uuid.UUID) -> int:
    return session.execute(select(func.count()).where(
        WebhookEndpoint.user_id == user_id, WebhookEndpoint.is_active)).scalar_one()


def page_of_user(session: Session, user_id: uuid.UUID, page: int,
                 per_page: int) -> tuple[list[WebhookEndpoint], int]:
    query = select(WebhookEndpoint).where(WebhookEndpoint.user_id == user_id,
                                          WebhookEndpoint.is_active)
    rows, total = paging.page_of(
        session, query, (WebhookEndpoint.created_at.desc(), WebhookEndpoint.id), page, per_page)
    return list(rows.scalars().all()), total


def own_endpoint(session: Session, user_id: uuid.UUID, webhook_id: str,
                 for_update: bool = False) -> WebhookEndpoint:
    """Another user's webhook is reported as missing so that ids cannot be probed."""
    try:
        query = select(WebhookEndpoint).where(WebhookEndpoint.id == uuid.UUID(webhook_id))
    except ValueError:
        raise errors.WebhookNotFound() from None
    endpoint = session.execute(
        query.with_for_update() if for_update else query).scalar_one_or_none()
    if endpoint is None or endpoint.user_id != user_id or not endpoint.is_active:
        raise errors.WebhookNotFound()
    return endpoint


def deactivate(session: Session, endpoint: WebhookEndpoint) -> None:
    endpoint.is_active = False
    endpoint.deleted_at = func.now()
    session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == endpoint.id, WebhookDelivery.status == "pending")
        .values(status="cancelled", updated_at=func.now()))
    session.flush()
    session.refresh(endpoint)


# --- events (the posting path: keep it to one lookup when nobody listens) ---------------
@dataclass(frozen=True)
class Subscription:
    webhook_id: uuid.UUID
    user_id: uuid.UUID
    events: tuple[str, ...]


# Built once (every posting batch asks): a reused statement keeps its memoised cache key.
_SUBSCRIPTIONS = (
    select(WebhookEndpoint.id, WebhookEndpoint.user_id, WebhookEndpoint.events)
    .where(WebhookEndpoint.user_id == func.any(bindparam("user_ids", type_=ARRAY(PG_UUID))),
           WebhookEndpoint.is_active,
           WebhookEndpoint.events.overlap(bindparam("events", type_=ARRAY(Text))))
)


def subscriptions(session: Session, user_ids: set[uuid.UUID],
                  event_types: set[str]) -> list[Subscription]:
    rows = session.execute(_SUBSCRIPTIONS, {"user_ids": list(user_ids),
                                            "events": sorted(event_types)}).all()
    return [Subscription(row.id, row.user_id, tuple(row.events)) for row in rows]


def record_event(session: Session, user_id: uuid.UUID, event_type: str, data: dict,
                 webhook_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """One event, and one pending delivery of it per endpoint; returns the delivery ids."""
    event_id = uuid.uuid4()
    session.execute(insert(WebhookEvent).values(
        id=event_id, user_id=user_id, type=event_type, data=data))
    deliveries = [{"id": uuid.uuid4(), "event_id": event_id, "webhook_id": webhook_id}
                  for webhook_id in webhook_ids]
    session.execute(insert(WebhookDelivery), deliveries)
    return [row["id"] for row in deliveries]


def credited_wallets(session: Session, operation_id: uuid.UUID) -> list:
    """(wallet_id, user_id) of every user wallet the operation's journal credited."""
    return list(session.execute(
        select(LedgerEntry.wallet_id, Wallet.user_id)
        .join(Journal, Journal.id == LedgerEntry.journal_id)
        .join(Wallet, Wallet.id == LedgerEntry.wallet_id)
        .where(Journal.operation_id == operation_id, LedgerEntry.amount > 0)
    ).all())

