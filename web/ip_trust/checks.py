"""IP trust check made before a send or withdrawal is accepted (API.md section 8).

The first IP a user ever transacts from is trusted, but only by the unit of work that
records the accepted operation: a request refused for any reason (a wrong PIN, too
little money) trusts nothing, or whoever holds a stolen session could make their own
network the user's first and lock the real owner out. Any other IP must be confirmed
through a single-use code the email job mails; until then the request is refused with
UNTRUSTED_IP. The refusal leaves the email job and a "new IP blocked" notification
behind, committed before the error is raised, at most once per user and IP per
IP_CONFIRM_EMAIL_INTERVAL_S so that a retrying client cannot flood the owner's inbox.
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


def ensure_trusted_ip(kind: str, wallet) -> str | None:
    """For an IP `ip_is_trusted` did not find: if the user never trusted any IP, return
    this one's hash for `trust_first_ip` to trust once the request is accepted; None if
    a concurrent first request trusted it meanwhile; else raise UntrustedIp, after
    committing what the refusal leaves behind."""
    ip_hash = _caller_ip_hash()
    with context.reads() as session:
        if not trusted_ips.ever_trusted(session, wallet.user_id):
            return ip_hash
        # Read after the line above: a first request from this IP that committed
        # before it is seen here, and must not turn into a refusal.
        if trusted_ips.is_trusted(session, wallet.user_id, ip_hash):
            return None
    with context.uow() as session:
        refusal = _refuse(session, kind, wallet.user_id, ip_hash)
    raise refusal


def trust_first_ip(session: Session, kind: str, user_id: uuid.UUID,
                   ip_hash: str) -> errors.UntrustedIp | None:
    """Inside the unit of work that records the accepted operation: trust the user's
    first IP. Returns the refusal instead (what it leaves behind written in `session`)
    when a concurrent request from another IP became the first meanwhile."""
    if trusted_ips.trust_if_first(session, user_id, ip_hash, context.settings().ip_trust_days):
        return None
    return _refuse(session, kind, user_id, ip_hash)


def _refuse(session: Session, kind: str, user_id: uuid.UUID, ip_hash: str) -> errors.UntrustedIp:
    settings = context.settings()
    if _first_refusal_in_a_while(user_id, ip_hash, settings.ip_confirm_email_interval_s):
        _tell_owner(session, kind, user_id, ip_hash, settings.ip_confirm_token_minutes * 60)
    return errors.UntrustedIp()


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
