"""The external issuer's public keys, fetched from its JWKS URL and kept in memory.

An unknown `kid` (the issuer rotated its keys) fetches the set again at once, but no
more often than EXTERNAL_JWKS_MIN_REFRESH_S: made-up key ids must not turn into a
request to the issuer each.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request

import jwt

from domain import errors
from settings import Settings


def fetch_json(url: str, timeout_s: float, headers: dict | None = None) -> tuple[int, object]:
    """(status, parsed body) of a GET; IdentityUnavailable when the issuer cannot be
    reached or answers something that is not JSON."""
    request = urllib.request.Request(url, headers={"Accept": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 (configured URL)
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    except (urllib.error.URLError, OSError) as exc:
        raise errors.IdentityUnavailable() from exc
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        if status >= 400:
            return status, None
        raise errors.IdentityUnavailable() from None


class KeySet:
    def __init__(self, url: str):
        self.url = url
        self._keys: dict[str | None, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()

    def key_for(self, settings: Settings, kid: str | None) -> jwt.PyJWK:
        with self._lock:
            if kid not in self._keys or self._age() >= settings.external_jwks_cache_s:
                if self._age() >= settings.external_jwks_min_refresh_s:
                    self._fetch(settings.external_http_timeout_s)
            key = self._keys.get(kid)
        if key is None:
            raise errors.TokenInvalid()
        return key

    def _age(self) -> float:
        return float("inf") if self._fetched_at is None else time.monotonic() - self._fetched_at

    def _fetch(self, timeout_s: float) -> None:
        status, body = fetch_json(self.url, timeout_s)
        if status != 200 or not isinstance(body, dict):
            raise errors.IdentityUnavailable()
        try:
            usable = jwt.PyJWKSet.from_dict(body).keys
        except jwt.PyJWTError as exc:
            raise errors.IdentityUnavailable() from exc
        keys: dict[str | None, jwt.PyJWK] = {k.key_id: k for k in usable if k.key_id}
        if len(usable) == 1:
            keys[None] = usable[0]  # a lone key also serves tokens that name no kid
        self._keys, self._fetched_at = keys, time.monotonic()


_SETS: dict[str, KeySet] = {}
_SETS_LOCK = threading.Lock()


def key_set(url: str) -> KeySet:
    with _SETS_LOCK:
        return _SETS.setdefault(url, KeySet(url))
