"""IP trust check made before a send or withdrawal is accepted (API.md section 8).

The first IP a user ever transacts from is trusted on the spot. Any other IP must be
confirmed through a single-use code the email job mails; until then the request is
refused with UNTRUSTED_IP. The refusal leaves the email job and a "new IP blocked"
notification behind, committed in a unit of work of its own before the error is
raised, at most once per user and IP per IP_CONFIRM_EMAIL_INTERVAL_S so that a
retrying client cannot flood the owner's inbox.
"""
from __future__ import annotations

import uuid

from flask import g
from sqlalchemy.orm import Session

from db import ip_confirmations
from db import ip_trust as trusted_ips
from db.notifications import notify
from db.redis import key
from domain import errors
from domain.email_templates import IP_CONFIRMATION
from domain.ip_trust import hash_ip, mask
from web import context
from workers import outbox

EMAIL_TASK = "workers.send_email"
_ACTIONS = {"send": "payment", "withdraw": "withdrawal"}


def ip_is_trusted(session: Session, user_id: uuid.UUID) -> bool:
    """Whether the caller's IP is trusted for this user now (a read: the usual answer)."""
    return trusted_ips.is_trusted(session, user_id, _caller_ip_hash())


def ensure_trusted_ip(kind: str, wallet) -> None:
    """For an IP `ip_is_trusted` did not find: trust it if it is the user's first ever,
    else raise UntrustedIp, after committing what the refusal leaves behind."""
    settings = context.settings()
    ip_hash = _caller_ip_hash()
    with context.uow() as session:
        if trusted_ips.trust_if_first(session, wallet.user_id, ip_hash, settings.ip_trust_days):
            return
        if _first_refusal_in_a_while(wallet.user_id, ip_hash, settings.ip_confirm_email_interval_s):
            _tell_owner(session, kind, wallet.user_id, ip_hash, settings.ip_confirm_token_minutes * 60)
    raise errors.UntrustedIp()


def _caller_ip_hash() -> str:
    return hash_ip(context.client_ip(), context.settings().ip_hash_key)


def _first_refusal_in_a_while(user_id: uuid.UUID, ip_hash: str, interval_s: int) -> bool:
    rate_key = key("rate", "ip_confirm_email", user_id, ip_hash)
    return bool(context.redis().set(rate_key, 1, nx=True, ex=interval_s))


def _tell_owner(session: Session, kind: str, user_id: uuid.UUID, ip_hash: str,
                ttl_s: int) -> None:
    masked = mask(ip_hash)
    notify(session, user_id, "ip_blocked", "A payment from a new network was blocked",
           f"A {_ACTIONS.get(kind, kind)} from a network you have not confirmed ({masked}) was "
           "stopped. We emailed you a code to confirm that network; if it was not you, "
           "change your password.", {"ip_masked": masked, "action": kind})
    # The job's message carries ids only (issue 7), so the IP hash waits in Redis under a
    # random id for as long as a confirmation code lives, and that id is what is enqueued.
    confirmation_id = ip_confirmations.hold(context.redis(), user_id, ip_hash, ttl_s)
    outbox.enqueue_after_commit(session, EMAIL_TASK,
                                [IP_CONFIRMATION, str(user_id), confirmation_id],
                                {"request_id": g.get("request_id")})
