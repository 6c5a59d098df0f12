"""The response envelope, and the one place that turns any error into it."""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, g, jsonify
from werkzeug.exceptions import HTTPException

from db.transient import TRANSIENT, is_transient
from domain import errors

log = logging.getLogger("vaultpay.web")

# Codes for errors Werkzeug raises before a view runs.
_HTTP_CODES = {
    404: errors.RouteNotFound,
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
}


def ok(data: Any = None, message: str = "OK") -> dict:
    return {"success": True, "message": message, "data": data, "request_id": g.get("request_id")}


def error_body(error: errors.VaultPayError, request_id: str | None = None) -> dict:
    """`request_id`: given by a caller outside a Flask request (the live process)."""
    return {
        "success": False,
        "message": error.message,
        "error_code": error.error_code,
        "details": error.details,
        "request_id": request_id if request_id is not None else g.get("request_id"),
    }


def render_error(error: errors.VaultPayError):
    response = jsonify(error_body(error))
    response.status_code = error.status
    if isinstance(error, errors.RateLimited):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(errors.VaultPayError, render_error)
    app.register_error_handler(HTTPException, _http_exception)
    for outage in TRANSIENT:  # PostgreSQL or Redis unreachable, restarting, failing over
        app.register_error_handler(outage, _unexpected)
    app.register_error_handler(Exception, _unexpected)


def _http_exception(exc: HTTPException):
    return render_error(http_error(exc))


def http_error(exc: HTTPException) -> errors.VaultPayError:
    """The error a client sees for one of Werkzeug's (or webargs') HTTP exceptions."""
    messages = (getattr(exc, "data", None) or {}).get("messages")
    if exc.code == 400 and messages is not None:
        return errors.MalformedJson()
    if exc.code == 422 and messages is not None:
        return errors.ValidationFailed(details=_flatten(messages))
    mapped = _HTTP_CODES.get(exc.code)
    if isinstance(mapped, type):
        return mapped()
    error = errors.VaultPayError(exc.description)
    error.error_code = mapped or exc.name.upper().replace(" ", "_")
    error.status = exc.code or 500
    return error


def _flatten(messages: dict) -> dict:
    """webargs nests messages by location (json, query, headers); clients want fields."""
    flat: dict = {}
    for location_messages in messages.values():
        if isinstance(location_messages, dict):
            flat.update(location_messages)
        else:
            flat.setdefault("_schema", []).extend(location_messages)
    return flat


def _unexpected(exc: Exception):
    return render_error(unexpected_error(exc))


def unexpected_error(exc: Exception) -> errors.VaultPayError:
    """What a client sees for an exception no view turned into an error of ours: a
    backing service that cannot be reached (PostgreSQL or Redis unreachable, restarting,
    failing over, a pooled connection the server closed), or anything else, logged with
    its trace."""
    if is_transient(exc):
        log.warning("backing service unavailable: %s", type(exc).__name__)
        return errors.ServiceUnavailable()
    log.exception("unhandled error")
    return errors.VaultPayError()
