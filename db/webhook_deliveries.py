"""Webhook deliveries as the deliver_webhook job sees them: lease one, record each
attempt, and move it on to delivered, failed or due again. Every function takes the
job's session and never commits."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db.models import WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint, WebhookEvent
from domain.webhooks import RetryPolicy

# A job may arrive this much before its row says the attempt is due (clock skew
# between the worker and the database) and still go ahead.
_EARLY_TOLERANCE_S = 1.0


@dataclass(frozen=True)
class DeliveryJob:
    delivery_id: uuid.UUID
    webhook_id: uuid.UUID
    attempt: int
    url: str
    secret_sealed: bytes
    body: bytes
    event_id: uuid.UUID
    event_age_s: float


@dataclass(frozen=True)
class Outcome:
    """A job to run now, or where the delivery stands: finished (`status`) or due
    again in `wait_s` seconds."""

    job: DeliveryJob | None = None
    status: str | None = None
    wait_s: float | None = None


def claim(session: Session, delivery_id: uuid.UUID, lease_s: float) -> Outcome:
    """Lease a due, pending delivery to this worker. A delivered, failed or cancelled
    one is never sent again; one leased by another worker or not yet due is left."""
    row = session.execute(
        select(WebhookDelivery, WebhookEndpoint, WebhookEvent, func.now().label("now"))
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.webhook_id)
        .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
        .where(WebhookDelivery.id == delivery_id)
        .with_for_update(of=WebhookDelivery)
    ).one_or_none()
    if row is None:
        return Outcome(status="missing")
    delivery, endpoint, event, now = row
    if delivery.status != "pending":
        return Outcome(status=delivery.status)
    if not endpoint.is_active:
        delivery.status = "cancelled"
        return Outcome(status="cancelled")
    due = max(delivery.next_attempt_at, delivery.leased_until or delivery.next_attempt_at)
    wait_s = (due - now).total_seconds()
    if wait_s > _EARLY_TOLERANCE_S:
        return Outcome(wait_s=wait_s)
    delivery.leased_until = now + _seconds(lease_s)
    return Outcome(job=DeliveryJob(
        delivery_id=delivery.id, webhook_id=endpoint.id, attempt=delivery.attempts + 1,
        url=endpoint.url, secret_sealed=endpoint.secret_sealed, body=event_body(event),
        event_id=event.id, event_age_s=(now - event.created_at).total_seconds(),
    ))


def event_body(event: WebhookEvent) -> bytes:
    created_at = event.created_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    return json.dumps({"id": str(event.id), "type": event.type, "created_at": created_at,
                       "data": event.data}, separators=(",", ":")).encode()


@dataclass(frozen=True)
class AttemptResult:
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def accepted(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def record_attempt(session: Session, job: DeliveryJob, result: AttemptResult,
                   policy: RetryPolicy) -> Outcome:
    """Write the attempt and move the delivery on: delivered, failed, or due again later
    (then `wait_s` says when)."""
    recorded = session.execute(
        pg_insert(WebhookDeliveryAttempt).values(
            delivery_id=job.delivery_id, attempt=job.attempt, status_code=result.status_code,
            error=result.error, duration_ms=result.duration_ms)
        .on_conflict_do_nothing().returning(WebhookDeliveryAttempt.id)
    ).scalar_one_or_none()
    if recorded is None:  # a duplicate job already recorded this attempt and moved on
        return Outcome(status="duplicate")
    delivery = session.get(WebhookDelivery, job.delivery_id, with_for_update=True)
    if delivery.status != "pending":  # cancelled (webhook deleted) while we were sending
        return Outcome(status=delivery.status)
    delivery.attempts, delivery.leased_until, delivery.updated_at = job.attempt, None, func.now()
    if result.accepted:
        delivery.status, delivery.delivered_at = "delivered", func.now()
        return Outcome(status="delivered")
    delay = policy.next_delay(job.attempt, job.event_age_s + result.duration_ms / 1000)
    if delay is None:
        delivery.status = "failed"
        return Outcome(status="failed")
    delivery.next_attempt_at = func.now() + _seconds(delay)
    return Outcome(wait_s=delay)


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)


def overdue(session: Session, older_than_s: float, batch: int) -> list[uuid.UUID]:
    """Pending deliveries long past due and not leased: their job message was lost."""
    return list(session.execute(
        select(WebhookDelivery.id)
        .where(WebhookDelivery.status == "pending",
               WebhookDelivery.next_attempt_at < func.now() - _seconds(older_than_s),
               (WebhookDelivery.leased_until.is_(None))
               | (WebhookDelivery.leased_until < func.now()))
        .order_by(WebhookDelivery.next_attempt_at).limit(batch)
    ).scalars().all())
