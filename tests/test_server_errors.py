"""gunicorn answers some requests itself, before the app sees them: an over-long request
line, headers too large or too many, a request that is not HTTP. Those answers use the
envelope too (API.md section 13). Against a real gunicorn started with gunicorn.conf.py."""
from __future__ import annotations

import json
import socket

import pytest
import requests

from tests.support.gunicorn import gunicorn


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log") as base_url:
        yield base_url


def assert_envelope(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["success"] is False and body["error_code"] == code
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert set(body) == {"success", "message", "error_code", "details", "request_id"}


def test_an_over_long_request_line_is_414_in_the_envelope(server):
    response = requests.get(f"{server}/api/v1/wallets/{'a' * 5000}", timeout=10)
    assert_envelope(response, 414, "URI_TOO_LONG")


def test_an_over_large_header_is_431_in_the_envelope(server):
    secret = "s3cret-" + "a" * 9000
    response = requests.get(f"{server}/healthz", headers={"X-Large": secret}, timeout=10)
    assert_envelope(response, 431, "HEADERS_TOO_LARGE")
    assert "s3cret" not in response.text


def test_too_many_headers_is_431_in_the_envelope(server):
    headers = {f"X-Header-{n}": "x" for n in range(150)}
    response = requests.get(f"{server}/healthz", headers=headers, timeout=10)
    assert_envelope(response, 431, "HEADERS_TOO_LARGE")


def test_a_request_that_is_not_http_is_400_in_the_envelope(server):
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(b"NOT AN HTTP REQUEST LINE AT ALL\r\n\r\n")
        raw = b""
        while chunk := connection.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert b"Content-Type: application/json" in head
    assert json.loads(body)["error_code"] == "BAD_REQUEST"
