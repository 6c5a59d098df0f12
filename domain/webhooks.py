"""Webhook rules: the events a user may subscribe to, the URLs we agree to call, the
signature a receiver checks, and the retry schedule. Standard library only; the
resolver is passed in so that the rules are testable without DNS."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import socket
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from domain import errors

OPERATION_COMPLETED = "operation.completed"
OPERATION_FAILED = "operation.failed"
TRANSACTION_CREDITED = "transaction.credited"
KYC_DECIDED = "kyc.decided"
DISPUTE_RESOLVED = "dispute.resolved"
PAYOUT_FINISHED = "payout.finished"
EVENT_TYPES = (OPERATION_COMPLETED, OPERATION_FAILED, TRANSACTION_CREDITED, KYC_DECIDED,
               DISPUTE_RESOLVED)
# Holds (API.md section 14), to the payer and the payee alike.
HOLD_CREATED, HOLD_CAPTURED = "hold.created", "hold.captured"
HOLD_VOIDED, HOLD_EXPIRED = "hold.voided", "hold.expired"
EVENT_TYPES += (HOLD_CREATED, HOLD_CAPTURED, HOLD_VOIDED, HOLD_EXPIRED)
# Bulk payouts (API.md section 15), to the payer once the last item has posted.
EVENT_TYPES += (PAYOUT_FINISHED,)

SECRET_PREFIX = "whsec_"
SIGNATURE_HEADER = "VaultPay-Signature"
MAX_URL_LENGTH = 2048
MAX_ENDPOINTS_PER_USER = 10

Resolver = Callable[..., list]
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# NAT64 (RFC 6052): a gateway turns these into the IPv4 address in their last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


# --- signatures ------------------------------------------------------------------------
def sign(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 keyed with the whole secret string over "<t>.<body>"."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, *, tolerance_s: int = 300,
           now: float | None = None) -> bool:
    """What a receiver does: recompute the signature and refuse stale timestamps
    (a captured request cannot be replayed later)."""
    parts = dict(item.strip().partition("=")[::2] for item in header.split(","))
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance_s:
        return False
    return hmac.compare_digest(parts.get("v1", ""), sign(secret, timestamp, body))


# --- URL rules (SSRF) ------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """A checked URL, with the addresses it resolved to: connect to these, not to a
    fresh resolution of the name (which could now point elsewhere)."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"


def check_url(url: str, allowed_hosts: tuple[str, ...] = (),
              resolve: Resolver = socket.getaddrinfo) -> Target:
    """Raises WebhookUrlRejected unless `url` is https and every address its host
    resolves to is public, or the host is one an operator allowed explicitly."""
    scheme, host, port, path = _parse(url)
    allowed = host in {h.strip().lower().rstrip(".") for h in allowed_hosts if h.strip()}
    if scheme != "https" and not (allowed and scheme == "http"):
        raise errors.WebhookUrlRejected("URL must use https")
    addresses = _resolve(resolve, host, port)
    if not allowed:
        for address in addresses:
            if not is_public(address):
                raise errors.WebhookUrlRejected(
                    "URL must resolve to public addresses only (not private, loopback, "
                    "link-local, multicast or reserved)")
    return Target(scheme, host, port, path, addresses)


def _parse(url: str) -> tuple[str, str, int, str]:
    if not url or len(url) > MAX_URL_LENGTH or any(c.isspace() for c in url):
        raise errors.WebhookUrlRejected(f"URL must be 1-{MAX_URL_LENGTH} characters, no spaces")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise errors.WebhookUrlRejected("URL is not valid") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise errors.WebhookUrlRejected("URL must use https")
    if not parts.hostname:
        raise errors.WebhookUrlRejected("URL must have a host")
    if parts.username is not None or parts.password is not None:
        raise errors.WebhookUrlRejected("URL must not contain credentials")
    if parts.fragment:
        raise errors.WebhookUrlRejected("URL must not contain a fragment")
    host = parts.hostname.lower().rstrip(".")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port or (443 if scheme == "https" else 80), path


def _resolve(resolve: Resolver, host: str, port: int) -> tuple[str, ...]:
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise errors.WebhookUrlRejected("URL host does not resolve") from exc
    # sockaddr[0] may carry an IPv6 zone ("fe80::1%eth0"); the zone is not the address.
    addresses = tuple(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
    if not addresses:
        raise errors.WebhookUrlRejected("URL host does not resolve")
    return addresses


def is_public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return all(_is_public_one(candidate) for candidate in _reached(ip))


def _reached(ip: IpAddress) -> list[IpAddress]:
    """What a connection to `ip` may really reach: an IPv4-mapped or NAT64 address is
    its IPv4 address (::ffff:10.0.0.1 reaches 10.0.0.1); 6to4 and Teredo carry one
    besides their own."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return [ip]
    if ip.ipv4_mapped:
        return [ip.ipv4_mapped]
    if ip in _NAT64:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return [ip, *([ip.sixtofour] if ip.sixtofour else []), *(ip.teredo or ())]


def _is_public_one(ip: IpAddress) -> bool:
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
    )


# --- retry schedule --------------------------------------------------------------------
@dataclass(frozen=True)
class RetryPolicy:
    base_s: float
    cap_s: float
    max_attempts: int
    window_s: float

    def delay_after(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failed attempt: base, 2x, 4x ... cap."""
        return min(self.base_s * 2 ** max(attempts - 1, 0), self.cap_s)

    def next_delay(self, attempts: int, age_s: float) -> float | None:
        """The wait before the next attempt, or None when `attempts` was the last one
        (too many attempts, or the next would fall outside the retry window)."""
        if attempts >= self.max_attempts:
            return None
        delay = self.delay_after(attempts)
        return None if age_s + delay > self.window_s else delay
