"""gunicorn answers some requests itself, before the app sees them: an over-long request
line, headers too large or too many, a request that is not HTTP. Those answers use the
envelope too (API.md section 13). Against a real gunicorn started with gunicorn.conf.py."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, _free_port

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "wsgi:app", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--worker-class", "gthread", "--threads", "2", "--no-control-socket"],
        cwd=ROOT, env=dict(os.environ), stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base_url, process, log)
        yield base_url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_healthy(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log.read_text()}")
        try:
            if requests.get(f"{base_url}/healthz", timeout=3).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or the worker still booting
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn not healthy within 60 s:\n{log.read_text()}")


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
