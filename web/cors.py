"""Cross-origin access for browser front ends (API.md section 13): only the origins in
CORS_ORIGINS, none by default.

Clients authenticate with a bearer token in the Authorization header, never a cookie,
so credentialed requests are never allowed (no Access-Control-Allow-Credentials): a
page on an allowed origin still has to hold a token, and a wildcard can never be
combined with the browser's own cookies.
"""
from __future__ import annotations

from flask import Flask
from flask_cors import CORS

ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "Prefer", "X-Request-ID"]
# Headers a page may read besides the safelisted ones.
EXPOSED_HEADERS = ["X-Request-ID", "Retry-After", "Location", "Content-Disposition"]
PREFLIGHT_CACHE_S = 600


def init_app(app: Flask, origins: tuple[str, ...]) -> None:
    if not origins:
        return  # no Access-Control-* header at all: browsers refuse every other origin
    CORS(app, resources={r"/api/*": {}}, origins=list(origins), supports_credentials=False,
         allow_headers=ALLOWED_HEADERS, expose_headers=EXPOSED_HEADERS,
         methods=["GET", "POST", "PUT", "PATCH", "DELETE"], max_age=PREFLIGHT_CACHE_S)
    app.after_request(_vary_by_origin)


def _vary_by_origin(response):
    # The answer depends on Origin (allowed or not) even with one origin listed, where
    # flask-cors leaves Vary out: a shared cache must not hand one origin's to another.
    response.vary.add("Origin")
    return response
