"""The deliver_webhook job: POST one event to one endpoint, signed, and retry with
exponential backoff until it is accepted, or the attempts or the window run out.

The job takes a delivery id and re-reads everything; a delivered (or failed, or
cancelled) delivery is never sent again, and a lease on the row keeps two copies of
one message from sending at once.
"""
from __future__ import annotations

import logging
import time
import uuid

import certifi
import urllib3
from cryptography.exceptions import InvalidTag

import settings
from db import outbox as recorded
from db import webhook_deliveries as deliveries
from db.session import unit_of_work
from db.webhooks import sealing_key, unseal
from domain import errors
from domain.webhooks import SIGNATURE_HEADER, RetryPolicy, Target, check_url, signature_header
from settings import Settings
from workers.app import celery
from workers.base import Task
from workers.names import DELIVER_WEBHOOK, REQUEUE_WEBHOOK_DELIVERIES

log = logging.getLogger("vaultpay.webhooks")
SETTINGS = settings.load()
USER_AGENT = "VaultPay-Webhooks/1"


# transactional=False: the lease is committed before the POST and the attempt after it,
# so that no transaction stays open across a slow endpoint.
@celery.task(name=DELIVER_WEBHOOK, base=Task, transactional=False, bind=True, acks_late=True)
def deliver_webhook(self, delivery_id: str):
    outcome = deliver(SETTINGS, uuid.UUID(delivery_id))
    if outcome.wait_s is not None:
        raise self.retry(countdown=_hop(SETTINGS, outcome.wait_s))
    return outcome.status


def _hop(s: Settings, wait_s: float) -> float:
    # A countdown longer than the broker's visibility timeout makes Redis hand the
    # message out again while it waits; long waits are taken in shorter hops (the job
    # re-reads the row and goes back to sleep if the attempt is not due yet).
    return max(0.05, min(wait_s, s.visibility_timeout / 2))


def deliver(s: Settings, delivery_id: uuid.UUID) -> deliveries.Outcome:
    with unit_of_work(s.database_url) as session:
        claimed = deliveries.claim(session, delivery_id, lease_s=s.webhook_timeout_s + 30)
    if claimed.job is None:
        return claimed
    result = attempt(s, claimed.job)
    with unit_of_work(s.database_url) as session:
        outcome = deliveries.record_attempt(session, claimed.job, result, policy(s))
    log.info("webhook delivery_id=%s attempt=%s status_code=%s error=%s outcome=%s",
             delivery_id, claimed.job.attempt, result.status_code, result.error,
             outcome.status or f"retry in {outcome.wait_s:.1f}s")
    return outcome


def policy(s: Settings) -> RetryPolicy:
    return RetryPolicy(base_s=s.webhook_retry_base_s, cap_s=s.webhook_retry_cap_s,
                       max_attempts=s.webhook_max_attempts, window_s=s.webhook_retry_window_s)


def attempt(s: Settings, job: deliveries.DeliveryJob) -> deliveries.AttemptResult:
    started = time.monotonic()
    status_code, error = None, None
    try:
        # Checked again now: the name may resolve elsewhere than at registration
        # (DNS rebinding), and we connect to exactly the address we checked.
        target = check_url(job.url, s.webhook_allowed_hosts)
        secret = unseal(sealing_key(s), job.webhook_id, job.secret_sealed)
        status_code = post(target, job.body, _headers(job, secret), s.webhook_timeout_s)
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except errors.WebhookUrlRejected as refused:
        error = f"refused: {'; '.join(refused.details['url'])}"
    except InvalidTag:
        error = "cannot sign: the sealed secret does not open (was the server key changed?)"
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        error = _describe(exc)
    duration_ms = int((time.monotonic() - started) * 1000)
    return deliveries.AttemptResult(status_code, error, duration_ms)


def _headers(job: deliveries.DeliveryJob, secret: str) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "VaultPay-Event-Id": str(job.event_id),
        SIGNATURE_HEADER: signature_header(secret, job.body),
    }


def post(target: Target, body: bytes, headers: dict[str, str], timeout_s: float) -> int:
    """POST to the checked address itself; TLS still verifies the certificate against
    the host name. No redirects are followed: a 3xx counts as a failed attempt."""
    address = target.addresses[0]
    timeout = urllib3.Timeout(total=timeout_s)
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, target.port, timeout=timeout, retries=False, maxsize=1,
            server_hostname=target.host, assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED", ca_certs=certifi.where())
    else:
        pool = urllib3.HTTPConnectionPool(address, target.port, timeout=timeout,
                                          retries=False, maxsize=1)
    with pool:
        response = pool.urlopen("POST", target.path, body=body,
                                headers={**headers, "Host": target.host_header},
                                redirect=False, retries=False, assert_same_host=False,
                                preload_content=False)
        response.drain_conn()
        return response.status


# First match wins: NewConnectionError is a subclass of urllib3's TimeoutError.
_FAILURES = {
    urllib3.exceptions.NewConnectionError: "connection failed",
    urllib3.exceptions.TimeoutError: "timeout",
    urllib3.exceptions.SSLError: "TLS error",
    urllib3.exceptions.ProtocolError: "connection dropped",
}


def _describe(exc: Exception) -> str:
    # Named by kind, not by the exception's text, which may quote the URL (and a
    # customer's token in its query string).
    for kind, description in _FAILURES.items():
        if isinstance(exc, kind):
            return description
    return f"connection error ({type(exc).__name__})"


@celery.task(name=REQUEUE_WEBHOOK_DELIVERIES, base=Task, retry_transient=False)
def requeue_webhook_deliveries(session):
    """Re-send the job of deliveries long overdue: their message was lost (a Redis
    restart). A delivery that was only late is left alone by its own lease and status."""
    return requeue_overdue(session)


def requeue_overdue(session, older_than_s: float = 300, batch: int = 500) -> int:
    ids = deliveries.overdue(session, older_than_s, batch)
    for delivery_id in ids:
        recorded.publish_after_commit(session, DELIVER_WEBHOOK, [str(delivery_id)])
    if ids:
        log.warning("re-sent %s overdue webhook deliveries", len(ids))
    return len(ids)
