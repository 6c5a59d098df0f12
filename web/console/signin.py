"""Signing in to the console and out of it.

With built-in identity: the email and password of the API's login, checked by the same
code with the same throttling. With an external identity service: an access token of
that issuer pasted into the form, checked as the API checks it. Either way only a
moderator or above gets a session; anyone else is refused with 403 and gets none.
"""
from __future__ import annotations

import uuid

from flask import g, make_response, redirect, request, url_for
from marshmallow import fields, validate

from domain import errors
from domain.roles import has_role
from web import context
from web.auth import credentials
from web.auth import sessions as login_sessions
from web.auth.identity import identify
from web.auth.schemas import LoginSchema
from web.console import access, bp, sessions
from web.console.pages import form, render
from web.fields import StrictSchema

CONSOLE_ROLE = "moderator"
# Why the sign-in form is shown, by the code in its address (never text from it).
NOTICES = {
    access.SESSION_ENDED: "Your session has ended (signed out, or idle for too long). "
                          "Please sign in again.",
    "signed_out": "You are signed out.",
    "TOKEN_EXPIRED": "Your token has expired. Paste a new one to sign in again.",
    "TOKEN_REVOKED": "Your session was ended (signed out elsewhere, or by an administrator). "
                     "Please sign in again.",
    "TOKEN_INVALID": "Your session is no longer valid. Please sign in again.",
}


class TokenSignInSchema(StrictSchema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=8192))
    next = fields.String(load_default=None)


class PasswordSignInSchema(LoginSchema):
    next = fields.String(load_default=None)


@bp.get("/sign-in")
def sign_in():
    return _form_page(notice=NOTICES.get(request.args.get("why", "")))


@bp.post("/sign-in")
def sign_in_with_password():
    if not context.settings().builtin_tokens_accepted:
        raise errors.ConsolePageNotFound()
    try:
        given = form(PasswordSignInSchema)
        user = credentials.check(given["email"], given["password"])
    except (errors.ValidationFailed, errors.AuthError, errors.AccountDisabled,
            errors.RateLimited) as error:
        return _form_page(error=error, status=error.status)
    _ensure_console_role(user)
    settings = context.settings()
    with context.uow() as session:
        family_id, jti = login_sessions.start_console(session, user, settings.console_max_session_s)
    sid, _ = sessions.start(context.redis(), settings, user_id=str(user.id),
                            kind=sessions.PASSWORD, refresh_jti=jti, family_id=str(family_id))
    return _signed_in(sid, given.get("next"))


@bp.post("/sign-in/token")
def sign_in_with_token():
    settings = context.settings()
    if not settings.external_tokens_accepted:
        raise errors.ConsolePageNotFound()
    try:
        given = form(TokenSignInSchema)
        user, _ = identify(settings, context.redis(), given["token"].strip(), confirm=True,
                           reads=context.reads, uow=context.uow)
    except (errors.ValidationFailed, errors.AuthError, errors.AccountDisabled) as error:
        return _form_page(error=error, status=error.status)
    _ensure_console_role(user)
    sid, _ = sessions.start(context.redis(), settings, user_id=str(user.id), kind=sessions.TOKEN,
                            token=given["token"].strip())
    return _signed_in(sid, given.get("next"))


@bp.post("/sign-out")
@access.page("user")
def sign_out():
    """Ends the sign-in for good: its refresh family (or the pasted token) is revoked
    like an API logout, and the server forgets the session."""
    settings, r, record = context.settings(), context.redis(), g.console
    with context.uow() as session:
        if record.kind == sessions.PASSWORD:
            login_sessions.revoke_family(session, settings, r, uuid.UUID(record.family_id))
        else:
            login_sessions.end(session, settings, r, g.claims)
    sessions.end(r, record)
    response = make_response(redirect(url_for("console.sign_in", why="signed_out"), 303))
    response.delete_cookie(sessions.cookie_name(settings), **sessions.cookie_options(settings))
    return response


def _ensure_console_role(user) -> None:
    if not has_role(user.role, CONSOLE_ROLE):
        raise errors.InsufficientPermissions(
            f"The console is for moderators, admins and super admins; the account "
            f"{user.email} has the role {user.role.replace('_', ' ')}.")


def _signed_in(sid: str, next_page: str | None):
    """The new session's cookie (a new id at every sign-in, so an id planted before it
    is worth nothing after), and the end of the one it replaces, if any."""
    settings = context.settings()
    earlier = request.cookies.get(sessions.cookie_name(settings))
    replaced = sessions.load(context.redis(), settings, earlier) if earlier else None
    if replaced is not None:
        sessions.end(context.redis(), replaced)
    response = make_response(redirect(_safe_next(next_page), 303))
    response.set_cookie(sessions.cookie_name(settings), sid, **sessions.cookie_options(settings))
    return response


def _form_page(*, notice: str | None = None, error: errors.VaultPayError | None = None,
               status: int = 200):
    settings = context.settings()
    body, status = render("console/sign_in.html", status=status, notice=notice, error=error,
                          next_page=_safe_next(request.values.get("next")),
                          password_form=settings.builtin_tokens_accepted,
                          token_form=settings.external_tokens_accepted,
                          email=request.form.get("email", "") if request.method == "POST" else "")
    retry = {"Retry-After": str(error.retry_after)} if isinstance(error, errors.RateLimited) else {}
    return body, status, retry


def _safe_next(value: str | None) -> str:
    """Only a console page of this host: never another host (`//evil.example`, a
    scheme, a backslash) nor anything with control characters."""
    if (value and value.startswith("/console") and not value.startswith("//")
            and "\\" not in value and value.isprintable() and len(value) < 2048):
        return value
    return url_for("console.dashboard")
