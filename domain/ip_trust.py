"""IP trust: client IPs are kept only as keyed hashes, and shown only masked.

HMAC rather than a plain hash: the IPv4 space is small enough to hash exhaustively, so
without the server's key a stored hash would be as good as the address.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress

MASK_PREFIX = "***"
MASK_VISIBLE = 8


def normalise_ip(ip: str) -> str:
    """One spelling per address: IPv6 compressed, an IPv4-mapped IPv6 as plain IPv4."""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ip.strip()
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def hash_ip(ip: str, key: str) -> str:
    return hmac.new(key.encode(), normalise_ip(ip).encode(), hashlib.sha256).hexdigest()


def mask(ip_hash: str) -> str:
    """'***a3f9b2c1': enough for a user to tell two entries apart, nothing more."""
    return MASK_PREFIX + ip_hash[-MASK_VISIBLE:]
