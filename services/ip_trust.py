"""IP trust (API.md section 8): confirm a network with the emailed code, revoke one, and
the refusal (or first-IP trust) a send or withdrawal meets.

The first IP a user ever transacts from is trusted, but only by the unit of work that
records the accepted operation: a request refused for any reason (a wrong PIN, too
little money) trusts nothing, or whoever holds a stolen session could make their own
network the user's first and lock the real owner out. Any other IP must be confirmed
through a single-use code the email job mails; until then the request is refused with
UNTRUSTED_IP. The refusal leaves the email job and a "new IP blocked" notification
behind, at most once per user and IP per IP_CONFIRM_EMAIL_INTERVAL_S so that a retrying
client cannot flood the owner's inbox.

IPs are stored only as keyed hashes and shown only masked.
"""
from __future__ import annotations

import uuid

import redis as redis_lib
from sqlalchemy.orm import Session

from db import audit, ip_confirmations, one_time_tokens, outbox, users
from db import ip_trust as trusted_ips
from db.models import TrustedIp
from db.notifications import notify
from db.redis import key
from domain import errors
from domain.audit import IP_CONFIRMED, IP_REMOVED
from domain.email_templates import IP_CONFIRMATION
from domain.ip_trust import hash_ip, mask
from services import UnitOfWork
from settings import Settings
from workers.names import SEND_EMAIL

_ACTIONS = {"send": "payment", "withdraw": "withdrawal"}


def confirm(uow: UnitOfWork, r: redis_lib.Redis, settings: Settings, token: str,
            request_id: str | None, ip_address: str) -> TrustedIp:
    """Trust the network the code was mailed for, for IP_TRUST_DAYS. No sign-in needed:
    the code names its user, who is the audit actor. An invalid code is refused before
    any database work, so it is refused even while the database is down."""
    grant = one_time_tokens.redeem(r, one_time_tokens.IP_CONFIRM, token)
    if grant is None:
        raise errors.InvalidToken()
    user_id = uuid.UUID(grant["user_id"])
    with uow() as session:
        row = trusted_ips.trust(session, user_id, grant["ip_hash"], settings.ip_trust_days,
                                trusted_ips.EMAIL)
        owner = users.by_id(session, user_id)
        actor = audit.Actor(user_id=user_id, role=owner.role if owner else "user",
                            request_id=request_id, ip_address=ip_address)
        audit.record(session, actor, IP_CONFIRMED, "trusted_ip", row.id, after=_audited(row))
    return row


def revoke(session: Session, actor: audit.Actor, ip_id: str) -> TrustedIp:
    """Money can leave from the IP again only after a new confirmation."""
    row = trusted_ips.own_live_for_update(session, actor.user_id, ip_id)
    before = _audited(row)
    row = trusted_ips.revoke(session, row)
    audit.record(session, actor, IP_REMOVED, "trusted_ip", row.id, before=before,
                 after=_audited(row))
    return row


def trust_first(session: Session, r: redis_lib.Redis, settings: Settings, kind: str,
                user_id: uuid.UUID, ip_hash: str,
                request_id: str | None) -> errors.UntrustedIp | None:
    """Inside the unit of work that records the accepted operation: trust the user's
    first IP. Returns the refusal instead (what it leaves behind written in `session`)
    when a concurrent request from another IP became the first meanwhile."""
    if trusted_ips.trust_if_first(session, user_id, ip_hash, settings.ip_trust_days):
        return None
    return refuse(session, r, settings, kind, user_id, ip_hash, request_id)


def refuse(session: Session, r: redis_lib.Redis, settings: Settings, kind: str,
           user_id: uuid.UUID, ip_hash: str, request_id: str | None) -> errors.UntrustedIp:
    """The refusal of an untrusted IP, with what it leaves behind written in `session`
    (commit it before raising the refusal)."""
    rate_key = key("rate", "ip_confirm_email", user_id, ip_hash)
    if r.set(rate_key, 1, nx=True, ex=settings.ip_confirm_email_interval_s):
        _tell_owner(session, r, kind, user_id, ip_hash, settings.ip_confirm_token_minutes * 60,
                    request_id)
    return errors.UntrustedIp()


def _tell_owner(session: Session, r: redis_lib.Redis, kind: str, user_id: uuid.UUID,
                ip_hash: str, ttl_s: int, request_id: str | None) -> None:
    masked = mask(ip_hash)
    notify(session, user_id, "ip_blocked", "A payment from a new network was blocked",
           f"A {_ACTIONS.get(kind, kind)} from a network you have not confirmed ({masked}) was "
           "stopped. We emailed you a code to confirm that network; if it was not you, "
           "change your password.", {"ip_masked": masked, "action": kind})
    # The job's message carries ids only (issue 7), so the IP hash waits in Redis under a
    # random id for as long as a confirmation code lives, and that id is what is enqueued.
    confirmation_id = ip_confirmations.hold(r, user_id, ip_hash, ttl_s)
    outbox.enqueue_after_commit(session, SEND_EMAIL, [IP_CONFIRMATION, str(user_id), confirmation_id],
                                {"request_id": request_id})


def _audited(row: TrustedIp) -> dict:
    """What the audit row keeps of a trusted IP: masked, like everything shown."""
    return {"ip_masked": mask(row.ip_hash), "expires_at": row.expires_at.isoformat(),
            "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None}


# The check made before a send or withdrawal is accepted (API.md section 8).

def is_trusted(session: Session, settings: Settings, user_id: uuid.UUID, ip: str) -> bool:
    """Whether `ip` is trusted for this user now (a read: the usual answer)."""
    return trusted_ips.is_trusted(session, user_id, hash_ip(ip, settings.ip_hash_key))


def first_or_refuse(reads: UnitOfWork, uow: UnitOfWork, r: redis_lib.Redis, settings: Settings,
                    kind: str, actor: audit.Actor) -> str | None:
    """For an IP `is_trusted` did not find: if the user never trusted any IP, return
    this one's hash for `trust_first` to trust once the request is accepted; None if a
    concurrent first request trusted it meanwhile; else raise UntrustedIp, after
    committing what the refusal leaves behind."""
    ip_hash = hash_ip(actor.ip_address or "unknown", settings.ip_hash_key)
    with reads() as session:
        if not trusted_ips.ever_trusted(session, actor.user_id):
            return ip_hash
        # Read after the line above: a first request from this IP that committed
        # before it is seen here, and must not turn into a refusal.
        if trusted_ips.is_trusted(session, actor.user_id, ip_hash):
            return None
    with uow() as session:
        refusal = refuse(session, r, settings, kind, actor.user_id, ip_hash, actor.request_id)
    raise refusal
