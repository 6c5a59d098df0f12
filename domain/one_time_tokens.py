"""Single-use tokens sent by email (PIN reset, IP confirmation).

Only a token's SHA-256 digest is ever stored: whoever reads the store cannot use what
they find there. A plain hash is enough here (unlike for IPs or PINs) because the
token itself is 256 random bits.
"""
from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 128


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
