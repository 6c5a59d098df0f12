"""How the console answers what goes wrong: a page that says it in words, with the
status the API would give (403 for a role that does not open the page), never a stack
trace nor the API's JSON; and the checks and headers every console response gets."""
from __future__ import annotations

from flask import redirect, request, url_for
from werkzeug.exceptions import HTTPException

from domain import errors
from web.console import bp, security
from web.console.access import SignInNeeded
from web.console.pages import render
from web.envelope import http_error, unexpected_error

TITLES = {400: "The request could not be read", 401: "Sign in again", 403: "Not allowed",
          404: "Not found", 405: "Not allowed", 409: "Not possible now",
          413: "Too large", 422: "Please check what you entered", 429: "Too many attempts",
          500: "Something went wrong", 503: "A service is unavailable"}


@bp.before_request
def refuse_cross_site_posts() -> None:
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        security.ensure_same_origin()


@bp.after_request
def add_security_headers(response):
    return security.add_headers(response, static=request.endpoint == "console.static")


@bp.route("/<path:anything>", methods=["GET", "POST"])
def no_such_page(anything: str):
    raise errors.ConsolePageNotFound()


@bp.errorhandler(SignInNeeded)
def sign_in_first(exc: SignInNeeded):
    return _to_sign_in(exc.why)


@bp.errorhandler(errors.VaultPayError)
def error_page(error: errors.VaultPayError):
    if isinstance(error, errors.AuthError):
        # The sign-in itself ended (expired, revoked, signed out elsewhere).
        return _to_sign_in(error.error_code)
    body, status = render("console/error.html", status=error.status,
                          title=TITLES.get(error.status, "Something went wrong"), error=error,
                          details=_details(error.details))
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, errors.RateLimited) else {}
    return body, status, headers


@bp.errorhandler(HTTPException)
def http_error_page(exc: HTTPException):
    return error_page(http_error(exc))


@bp.errorhandler(Exception)
def unexpected_error_page(exc: Exception):
    return error_page(unexpected_error(exc))


def _to_sign_in(why: str | None):
    back = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("console.sign_in", next=back, why=why), 303)


def _details(details: dict) -> list[tuple[str, str]]:
    """Field messages as lines ("reason: Missing data for required field.")."""
    lines = []
    for name, messages in (details or {}).items():
        if isinstance(messages, dict):
            lines += [(f"{name}.{inner}", text) for inner, text in _details(messages)]
            continue
        for message in messages if isinstance(messages, list) else [messages]:
            lines.append((name.replace("_", " ") if name != "_schema" else "", str(message)))
    return lines
