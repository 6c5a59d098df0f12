"""A real SMTP server (aiosmtpd) running in the test process, and what it received.

The session fixture `mailbox` (tests/conftest.py) starts it before the Celery worker,
on the port conftest put in SMTP_PORT, so the worker's email job talks SMTP to it.
"""
from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

TOKEN_RE = re.compile(r"code: ([A-Za-z0-9_-]{20,})")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        return self.message.get_content()

    @property
    def token(self) -> str:
        found = TOKEN_RE.search(self.body)
        assert found, f"no code in the email: {self.subject!r}"
        return found.group(1)


class _Handler:
    def __init__(self, mailbox: Mailbox):
        self.mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=policy.default)
        self.mailbox._add(Received(envelope.mail_from, tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class Mailbox:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self._received: list[Received] = []
        self._changed = threading.Condition()
        self._controller: Controller | None = None

    def start(self, **options) -> None:
        """Listen; `options` go to aiosmtpd's Controller (e.g. an authenticator)."""
        # A stopped controller's event loop is closed, so each start makes a new one.
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port,
                                      **options)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def _add(self, received: Received) -> None:
        with self._changed:
            self._received.append(received)
            self._changed.notify_all()

    def to(self, address: str, subject_contains: str = "") -> list[Received]:
        with self._changed:
            return [mail for mail in self._received
                    if address in mail.rcpt_tos and subject_contains in mail.subject]

    def wait_for(self, address: str, subject_contains: str = "", count: int = 1,
                 timeout_s: float = 20) -> Received:
        """The `count`-th message to `address` (whose subject has the text), once it arrives."""
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while len(found := self.to(address, subject_contains)) < count:
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"{count} email(s) to {address} not received in {timeout_s}s"
                self._changed.wait(remaining)
            return found[count - 1]
