"""The one decorator that authenticates the caller and enforces the role hierarchy."""
from __future__ import annotations

from copy import deepcopy
from functools import wraps

from flask import g, request

from db.models import User
from domain import errors
from domain.roles import has_role
from web import context
from web.auth.identity import bearer_token, identify


def requires(role: str = "user", *, moves_money: bool = False):
    """`moves_money`: a call that external identity's strict mode confirms with the
    issuer (API.md section 19), as it does every call needing a role above user."""
    confirm = moves_money or role != "user"

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            g.user = authenticate(confirm=confirm)
            if not has_role(g.user.role, role):
                raise errors.InsufficientPermissions()
            return view(*args, **kwargs)

        _document(wrapper, role, confirm)
        return wrapper

    return decorate


def _document(view, role: str, confirm: bool) -> None:
    """Tell the OpenAPI document (flask-smorest's `_apidoc`) about the bearer token."""
    apidoc = deepcopy(getattr(view, "_apidoc", {}))
    manual = apidoc.setdefault("manual_doc", {})
    manual["security"] = [{"bearerAuth": []}]
    responses = manual.setdefault("responses", {})
    responses.setdefault(401, {"description": "TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED"})
    forbidden = "ACCOUNT_DISABLED" + ("" if role == "user" else ", INSUFFICIENT_PERMISSIONS")
    responses.setdefault(403, {"description": forbidden})
    if confirm:
        responses.setdefault(503, {"description": "IDENTITY_UNAVAILABLE (external identity in strict mode)"})
    view._apidoc = apidoc


def authenticate(*, confirm: bool = False) -> User:
    token = bearer_token(request.headers.get("Authorization", ""))
    user, g.claims = identify(context.settings(), context.redis(), token,
                              confirm=confirm, reads=context.reads, uow=context.uow)
    return user
