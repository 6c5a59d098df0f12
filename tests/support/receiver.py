"""A real webhook receiver: an HTTP server on 127.0.0.1 (a free port) in a thread of
the test process. It checks each request's signature the way an integrator would
(independently of our own code), and answers from a script per event: e.g. 500, 500,
then 200 for every later delivery of the same event."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.waiting import eventually

SLOW = "slow"  # answer only after the sender's timeout has passed


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    signature_ok: bool | None  # None: no secret was registered for the path
    answered: int | str

    @property
    def event(self) -> dict:
        return json.loads(self.body)

    @property
    def accepted(self) -> bool:
        return isinstance(self.answered, int) and 200 <= self.answered < 300


class Receiver:
    def __init__(self, script: tuple = (200,), slow_s: float = 2.5):
        self.script, self.slow_s = script, slow_s
        self.secrets: dict[str, str] = {}
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- lifecycle --------------------------------------------------------------------
    def __enter__(self) -> "Receiver":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    # --- what arrived -------------------------------------------------------------------
    def at(self, path: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.path == path]

    def accepted(self, path: str) -> list[Received]:
        return [r for r in self.at(path) if r.accepted]

    def wait_accepted(self, path: str, count: int = 1, timeout_s: float = 30) -> list[Received]:
        eventually(lambda: len(self.accepted(path)) >= count, timeout_s, interval_s=0.05)
        return self.accepted(path)

    # --- serving --------------------------------------------------------------------------
    def _answer_for(self, path: str, body: bytes) -> int | str:
        try:
            event_id = json.loads(body)["id"]
        except (ValueError, KeyError, TypeError):
            return 400
        with self._lock:
            seen = sum(1 for r in self.received if r.path == path and r.event["id"] == event_id)
        return self.script[min(seen, len(self.script) - 1)]

    def _record(self, path: str, headers: dict, body: bytes, answered) -> None:
        secret = self.secrets.get(path)
        ok = None if secret is None else _signature_ok(secret, headers.get("VaultPay-Signature", ""), body)
        with self._lock:
            self.received.append(Received(path, headers, body, ok, answered))

    def _handler_class(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = receiver._answer_for(self.path, body)
                if receiver.secrets.get(self.path) and not _signature_ok(
                        receiver.secrets[self.path], self.headers.get("VaultPay-Signature", ""), body):
                    answer = 400
                receiver._record(self.path, dict(self.headers), body, answer)
                if answer == SLOW:
                    time.sleep(receiver.slow_s)
                    answer = 200
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


def _signature_ok(secret: str, header: str, body: bytes, tolerance_s: int = 300) -> bool:
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    if not fields.get("t", "").isdigit() or abs(time.time() - int(fields["t"])) > tolerance_s:
        return False
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields.get("v1", ""))
