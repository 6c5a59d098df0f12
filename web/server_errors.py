"""The envelope for the answers gunicorn gives itself, before the app sees a request:
an over-long request line (414), headers too large or too many (431), a request that is
not valid HTTP (400), and its last-resort 500. gunicorn writes them as HTML through
`gunicorn.util.write_error`; gunicorn.conf.py puts `write_error` below in its place.

gunicorn's own message is not echoed: it quotes the client's request line or header.
"""
from __future__ import annotations

import json
import uuid

from gunicorn import util

from domain import errors
from web.envelope import error_body

_BY_STATUS: dict[int, type[errors.VaultPayError]] = {
    400: errors.UnreadableRequest,
    414: errors.RequestLineTooLong,
    431: errors.RequestHeadersTooLarge,
}


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    error = _BY_STATUS.get(status_int, errors.VaultPayError)()
    if error.status != status_int:  # a status of its own (403, 417, 501): keep it
        error.status = status_int
        error.error_code = reason.upper().replace(" ", "_") if status_int < 500 else error.error_code
        error.message = reason
    request_id = str(uuid.uuid4())
    body = json.dumps(error_body(error, request_id), separators=(",", ":")).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\n"
            "Connection: close\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"X-Request-ID: {request_id}\r\n\r\n")
    util.write_nonblock(sock, head.encode("latin-1") + body)


def install() -> None:
    util.write_error = write_error
