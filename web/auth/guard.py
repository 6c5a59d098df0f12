"""The one decorator that authenticates the caller and enforces the role hierarchy."""
from __future__ import annotations

import uuid
from copy import deepcopy
from functools import wraps

from flask import g, request

from db import users
from db.models import User
from domain import errors
from domain.roles import has_role
from web import context
from web.auth import revocation, tokens


def requires(role: str = "user"):
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            g.user = authenticate()
            if not has_role(g.user.role, role):
                raise errors.InsufficientPermissions()
            return view(*args, **kwargs)

        _document(wrapper, role)
        return wrapper

    return decorate


def _document(view, role: str) -> None:
    """Tell the OpenAPI document (flask-smorest's `_apidoc`) about the bearer token."""
    apidoc = deepcopy(getattr(view, "_apidoc", {}))
    manual = apidoc.setdefault("manual_doc", {})
    manual["security"] = [{"bearerAuth": []}]
    responses = manual.setdefault("responses", {})
    responses.setdefault(401, {"description": "TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED"})
    forbidden = "ACCOUNT_DISABLED" + ("" if role == "user" else ", INSUFFICIENT_PERMISSIONS")
    responses.setdefault(403, {"description": forbidden})
    view._apidoc = apidoc


def authenticate() -> User:
    token = _bearer_token()
    claims = tokens.decode(context.settings(), token, tokens.ACCESS)
    if revocation.is_revoked(context.redis(), claims):
        raise errors.TokenRevoked()
    with context.reads() as session:
        user = users.by_id(session, uuid.UUID(claims["sub"]))
    if user is None:
        raise errors.TokenInvalid()
    # Checked on every request, not only at login: deactivation takes effect at once.
    if not user.is_active:
        raise errors.AccountDisabled()
    g.claims = claims
    return user


def _bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        raise errors.TokenMissing()
    if scheme.lower() != "bearer" or not token.strip():
        raise errors.TokenInvalid()
    return token.strip()
