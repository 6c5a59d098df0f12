"""The IP trust check made before a send or withdrawal is accepted (API.md section 8):
the request's side of services/ip_trust.py (the caller's IP, settings and Redis).
"""
from __future__ import annotations

import uuid

from flask import g

from db import ip_trust as trusted_ips
from domain import errors
from domain.ip_trust import hash_ip
from services import ip_trust
from web import context


def ip_is_trusted(session, user_id: uuid.UUID) -> bool:
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
        refusal = ip_trust.refuse(session, context.redis(), context.settings(), kind,
                                  wallet.user_id, ip_hash, g.get("request_id"))
    raise refusal


def trust_first_ip(session, kind: str, user_id: uuid.UUID,
                   ip_hash: str) -> errors.UntrustedIp | None:
    """Inside the unit of work that records the accepted operation (see
    services.ip_trust.trust_first)."""
    return ip_trust.trust_first(session, context.redis(), context.settings(), kind, user_id,
                                ip_hash, g.get("request_id"))


def _caller_ip_hash() -> str:
    return hash_ip(context.client_ip(), context.settings().ip_hash_key)
