"""What protects the console's pages in the browser: the response headers every page
carries, and the two checks every form post passes (its origin, and the form token of
the signed-in session)."""
from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from flask import request

from domain import errors

# No script at all (the console has none), styles and images from the service itself,
# forms posted only to it, and never inside a frame.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'none'", "object-src 'none'", "base-uri 'none'",
    "form-action 'self'", "frame-ancestors 'none'", "img-src 'self'", "style-src 'self'",
])
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# Pages show personal data and decrypted document numbers: no cache keeps them.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def add_headers(response, *, static: bool):
    response.headers.update(HEADERS)
    if not static:
        response.headers.update(NO_STORE)
    return response


def ensure_same_origin() -> None:
    """A form post must come from a page of this host: its Origin header (which every
    current browser sends with a POST) or, failing that, its Referer names this host.
    Neither, or another host, port or scheme-less `null`: refused."""
    sent = request.headers.get("Origin") or request.headers.get("Referer") or ""
    if not sent or _host_of(sent) != request.host.lower():
        raise errors.CrossSiteRequestRefused()


def _host_of(url: str) -> str | None:
    try:
        return urlsplit(url).netloc.lower() or None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None


def ensure_form_token(expected: str) -> None:
    sent = request.form.get("csrf_token", "")
    if not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise errors.CrossSiteRequestRefused()
