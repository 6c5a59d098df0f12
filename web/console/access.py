"""Who is signed in to the console, and whether their role opens a page.

The same identity as the API's: a password sign-in is a refresh-token family of its
own (web/auth/sessions.py), so logout, a deactivation and reuse detection end it as
they end any other; a pasted token is checked on every request by the API's own
`identify`, with the issuer confirmation strict mode asks for above the user role.
"""
from __future__ import annotations

import uuid
from functools import wraps

from flask import g, request

from db import refresh_tokens, users
from db.models import User
from domain import errors
from domain.roles import has_role
from web import context
from web.auth.identity import identify
from web.console import security, sessions

SESSION_ENDED = "ended"


class SignInNeeded(Exception):
    """Nobody is signed in (any more): the page sends the browser to the sign-in form.
    `why` names the notice the form shows."""

    def __init__(self, why: str | None = None):
        super().__init__(why)
        self.why = why


def page(role: str = "moderator"):
    """A console page for `role` and above: signed in, form token checked on a post,
    role checked on every request (a role changed meanwhile applies at once)."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            g.console = current()
            if request.method == "POST":
                security.ensure_form_token(g.console.csrf_token)
            g.user = authenticate(g.console)
            if not has_role(g.user.role, role):
                raise errors.InsufficientPermissions(
                    f"This page is for the role {role.replace('_', ' ')} and above; "
                    f"your role is {g.user.role.replace('_', ' ')}.")
            return view(*args, **kwargs)

        wrapper.console_role = role
        return wrapper

    return decorate


def current() -> sessions.ConsoleSession:
    settings = context.settings()
    sid = request.cookies.get(sessions.cookie_name(settings))
    record = sessions.load(context.redis(), settings, sid) if sid else None
    if record is None:
        raise SignInNeeded(SESSION_ENDED if sid else None)
    return record


def authenticate(record: sessions.ConsoleSession) -> User:
    try:
        if record.kind == sessions.PASSWORD:
            return _password_user(record)
        return _token_user(record)
    except (errors.AuthError, errors.AccountDisabled):
        sessions.end(context.redis(), record)
        raise


def _password_user(record: sessions.ConsoleSession) -> User:
    with context.reads() as session:
        user = users.by_id(session, uuid.UUID(record.user_id))
        live = refresh_tokens.is_live(session, record.refresh_jti)
    if user is not None and not user.is_active:
        raise errors.AccountDisabled()
    if user is None or not live:
        raise errors.TokenRevoked("Your session was ended")
    return user


def _token_user(record: sessions.ConsoleSession) -> User:
    user, g.claims = identify(context.settings(), context.redis(), record.token, confirm=True,
                              reads=context.reads, uow=context.uow)
    if str(user.id) != record.user_id:
        raise errors.TokenInvalid()
    return user
