"""The `send_email` job: render a template for a user and hand it to the mailer.

A job carries ids only (what Flower shows): a template name, the user's id and the id
of what the email is about, or None. For `kyc_decided` that is the KYC submission (its
status and rejection reason are read from the row); for `ip_confirmation` it is a
pending confirmation held in Redis by the refused payment (db/ip_confirmations.py),
which gives the keyed IP hash; `pin_reset` has none. For a token email (PIN reset, IP
confirmation) this job mints the single-use token itself, stores only its digest in
Redis with the token's lifetime, and puts the token in the message: no token ever sits
in a job payload, the outbox or a log line. A failed send retires its token and is
retried with exponential backoff, a bounded number of times.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import redis as redis_lib

import settings
from db import ip_confirmations, one_time_tokens
from db import redis as vp_redis
from db.models import KycSubmission, User
from db.session import unit_of_work
from db.transient import is_transient
from domain.email_templates import (
    IP_CONFIRMATION,
    KYC_DECIDED,
    TOKEN_PURPOSES,
    Context,
    TemplateError,
    render,
)
from domain.ids import uuid_or_none
from domain.ip_trust import mask
from domain.kyc import REJECTED, VERIFIED
from workers import mailer
from workers.app import celery
from workers.base import Task, backoff
from workers.names import SEND_EMAIL

log = logging.getLogger("vaultpay.email")
SETTINGS = settings.load()
SENT_MARK_TTL_S = 24 * 3600


class Undeliverable(Exception):
    """Raised when a retry cannot help: the send was refused for good, or retries ran out."""


@dataclass(frozen=True)
class Recipient:
    email: str
    full_name: str


# transactional=False: no transaction stays open across the SMTP conversation.
@celery.task(name=SEND_EMAIL, base=Task, transactional=False, bind=True, acks_late=True)
def send_email(self, template: str, user_id: str, subject_id: str | None = None):
    r = vp_redis.client(SETTINGS.redis_url)
    try:
        return send(SETTINGS, r, template, user_id, subject_id, job_id=self.request.id)
    except Exception as exc:
        # Unlike the base Task's, an email's retries are bounded (EMAIL_MAX_RETRIES) and
        # an SMTP failure counts as one too, unless the server refused for good.
        if not (isinstance(exc, OSError) or is_transient(exc)):
            raise
        retries = self.request.retries
        if retries >= SETTINGS.email_max_retries or (isinstance(exc, OSError)
                                                     and not mailer.is_transient(exc)):
            log.error("email not delivered template=%s user_id=%s after %d attempts: %s",
                      template, user_id, retries + 1, type(exc).__name__)
            raise Undeliverable(type(exc).__name__) from None
        raise self.retry(exc=exc, countdown=backoff(retries, SETTINGS.email_retry_base_s)) from None


def send(s: settings.Settings, r: redis_lib.Redis, template: str, user_id: str,
         subject_id: str | None = None, job_id: str | None = None) -> dict:
    """Render and deliver one email. Raises OSError from the mailer on a failed send."""
    if job_id and r.exists(_sent_mark(job_id)):
        return {"template": template, "outcome": "already_sent"}  # a redelivered message
    recipient = _recipient(s, user_id)
    if recipient is None:
        log.warning("email skipped template=%s user_id=%s: no active user", template, user_id)
        return {"template": template, "outcome": "skipped"}
    params = _params(s, r, template, user_id, subject_id)
    if params is None:
        log.warning("email skipped template=%s user_id=%s: no such subject %s",
                    template, user_id, subject_id)
        return {"template": template, "outcome": "skipped"}
    token = _mint_token(s, r, template, user_id, params)
    try:
        how = _render_and_deliver(s, template, params, recipient, token)
    except BaseException:
        if token:
            one_time_tokens.withdraw(r, TOKEN_PURPOSES[template], token)
        raise
    if job_id:
        r.set(_sent_mark(job_id), 1, ex=SENT_MARK_TTL_S)
    log.info("email sent template=%s user_id=%s via=%s", template, user_id, how)
    return {"template": template, "outcome": "sent"}


def _render_and_deliver(s: settings.Settings, template: str, params: dict, recipient: Recipient,
                        token: str | None) -> str:
    context = Context(full_name=recipient.full_name, token=token,
                      valid_minutes=_token_minutes(s, template), trust_days=s.ip_trust_days)
    try:
        email = render(template, params, context)
    except TemplateError as exc:
        log.error("email dropped template=%s: %s", template, exc)
        raise Undeliverable("bad template or params") from None
    return mailer.deliver(s, mailer.compose(s, recipient.email, email.subject, email.body))


def _recipient(s: settings.Settings, user_id: str) -> Recipient | None:
    parsed = uuid_or_none(user_id)
    if parsed is None:
        return None
    with unit_of_work(s.database_url) as session:
        user = session.get(User, parsed)
        if user is None or not user.is_active:
            return None
        return Recipient(user.email, user.full_name)


def _params(s: settings.Settings, r: redis_lib.Redis, template: str, user_id: str,
            subject_id: str | None) -> dict | None:
    """What the template shows, read from the subject the message names; None when the
    subject is gone, not the user's, or not in the state the email is about."""
    if template == KYC_DECIDED:
        return _kyc_decision(s, user_id, subject_id)
    if template == IP_CONFIRMATION:
        ip_hash = ip_confirmations.fetch(r, subject_id, user_id)
        return None if ip_hash is None else {"ip_hash": ip_hash, "ip_masked": mask(ip_hash)}
    return {}


def _kyc_decision(s: settings.Settings, user_id: str, subject_id: str | None) -> dict | None:
    parsed = uuid_or_none(subject_id)
    if parsed is None:
        return None
    with unit_of_work(s.database_url) as session:
        submission = session.get(KycSubmission, parsed)
        if submission is None or str(submission.user_id) != str(user_id) \
                or submission.status not in (VERIFIED, REJECTED):
            return None
        return {"status": submission.status, "reason": submission.rejection_reason}


def _mint_token(s: settings.Settings, r: redis_lib.Redis, template: str, user_id: str,
                params: dict) -> str | None:
    purpose = TOKEN_PURPOSES.get(template)
    if purpose is None:
        return None
    payload, subject = {"user_id": str(user_id)}, str(user_id)
    if template == IP_CONFIRMATION:
        if not params.get("ip_hash"):
            log.error("email dropped template=%s: no ip_hash", template)
            raise Undeliverable("bad template or params")
        payload["ip_hash"] = params["ip_hash"]
        subject = f"{user_id}:{params['ip_hash']}"
    return one_time_tokens.issue(r, purpose, subject, payload, _token_minutes(s, template) * 60)


def _token_minutes(s: settings.Settings, template: str) -> int | None:
    return {one_time_tokens.PIN_RESET: s.pin_reset_token_minutes,
            one_time_tokens.IP_CONFIRM: s.ip_confirm_token_minutes}.get(TOKEN_PURPOSES.get(template))


def _sent_mark(job_id: str) -> str:
    return vp_redis.key("mail", "sent", job_id)
