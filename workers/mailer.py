"""Handing a message over: to the SMTP server in the settings, or, when none is set,
to an .eml file under MAIL_DIR (local running needs no mail server).

Nothing here logs a message's body: it may carry a single-use token.
"""
from __future__ import annotations

import os
import smtplib
import ssl
import time
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from settings import ROOT, Settings

SMTP, FILE = "smtp", "file"


def compose(s: Settings, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = s.mail_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain="vaultpay.local")
    message.set_content(body)
    return message


def deliver(s: Settings, message: EmailMessage) -> str:
    """Send `message`; returns how. Raises OSError (smtplib's errors included) on failure."""
    if not s.smtp_host:
        _write_file(mail_dir(s), message)
        return FILE
    _send_smtp(s, message)
    return SMTP


def is_transient(exc: OSError) -> bool:
    """False for what a retry cannot fix: the server refused the sender, the recipient or
    our login for good (5xx), or lacks STARTTLS. Connection trouble and 4xx are retried."""
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return False
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code < 500
    return True


def mail_dir(s: Settings) -> Path:
    path = Path(s.mail_dir)
    return path if path.is_absolute() else ROOT / path


def _send_smtp(s: Settings, message: EmailMessage) -> None:
    with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_s) as smtp:
        if s.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if s.smtp_username:
            smtp.login(s.smtp_username, s.smtp_password)
        smtp.send_message(message)


def _write_file(directory: Path, message: EmailMessage) -> None:
    # Owner-only: a message may carry a single-use token.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{uuid.uuid4().hex[:12]}.eml"
    partial = directory / f".{name}.partial"
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(message.as_bytes())
    # Renamed into place whole, so a reader never sees half a message.
    partial.rename(directory / name)
