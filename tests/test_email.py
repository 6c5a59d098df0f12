"""The send_email job: templates over real SMTP (the in-process aiosmtpd server),
tokens minted by the job and stored only as digests, retries while the server is
down, the .eml file transport for local running, and nothing secret in logs or
payloads."""
from __future__ import annotations

import json
import os
import re
import smtplib
import stat
import time
import uuid
from email import message_from_bytes, policy

import pytest
from aiosmtpd.smtp import AuthResult

import settings as settings_module
from db import ip_confirmations
from db import redis as vp_redis
from domain.one_time_tokens import digest
from tests.support.kyc import submitted
from tests.support.smtp import Mailbox, free_port
from tests.support.waiting import eventually
from workers import mailer, outbox

pytestmark = pytest.mark.usefixtures("worker")
SETTINGS = settings_module.load()


@pytest.fixture()
def redis():
    return vp_redis.client(os.environ["REDIS_URL"])


def enqueue(template: str, user_id: str, subject_id: str | None = None) -> None:
    outbox.publish("workers.send_email", [template, user_id, subject_id])


def decided(api, db, caller, status: str, reason: str | None = None) -> str:
    """A KYC submission of `caller`'s, decided with `status` (and `reason`); its id."""
    submission_id = submitted(api, caller)
    db.execute("UPDATE kyc_submissions SET status = %s, rejection_reason = %s,"
               " reviewed_by = user_id, reviewed_at = now() WHERE id = %s",
               (status, reason, submission_id))
    return submission_id


def wait_for_log(worker, text: str, since: int = 0, timeout_s: float = 15) -> str:
    """The worker's log from offset `since`, once `text` appears in it."""
    def logged() -> str:
        logs = worker.logs()[since:]
        return logs if text in logs else ""

    logs = eventually(logged, timeout_s)
    assert logs, f"{text!r} not in the worker log"
    return logs


def live_tokens(redis, purpose: str, user_id: str) -> list[str]:
    """The stored token digests (keys) issued for this user."""
    found = []
    for name in redis.scan_iter(f"vp:{purpose}:*"):
        raw = None if ":latest:" in name else redis.get(name)
        if raw and json.loads(raw).get("user_id") == user_id:
            found.append(name)
    return found


# --- templates over SMTP ----------------------------------------------------------------
def test_a_kyc_rejection_is_mailed_with_its_reason_read_from_the_submission(api, db, mailbox):
    alice = api.wallet(api.user(full_name="Asha Rao"), kyc=False)
    enqueue("kyc_decided", alice.user_id, decided(api, db, alice, "rejected", "The photo is blurred"))
    mail = mailbox.wait_for(alice.email, "not accepted")
    assert mail.rcpt_tos == (alice.email,)
    assert mail.message["From"] == SETTINGS.mail_from and mail.message["To"] == alice.email
    assert "Hello Asha Rao" in mail.body and "The photo is blurred" in mail.body


def test_a_kyc_approval_is_mailed(api, db, mailbox):
    alice = api.wallet(kyc=False)
    enqueue("kyc_decided", alice.user_id, decided(api, db, alice, "verified"))
    assert "was verified" in mailbox.wait_for(alice.email, "identity is verified").body


@pytest.mark.parametrize("template, ip_hash, purpose, ttl_s", [
    ("pin_reset", None, "pinreset", 15 * 60),
    ("ip_confirmation", "ab" * 32, "ipconfirm", 30 * 60),
])
def test_the_job_mints_the_token_and_stores_only_its_digest(api, mailbox, redis, template, ip_hash,
                                                             purpose, ttl_s):
    alice = api.user()
    subject_id = ip_hash and ip_confirmations.hold(redis, alice.user_id, ip_hash, 30 * 60)
    enqueue(template, alice.user_id, subject_id)
    mail = mailbox.wait_for(alice.email)
    token = mail.token
    stored = f"vp:{purpose}:{digest(token)}"
    assert ttl_s - 60 < redis.ttl(stored) <= ttl_s
    grant = json.loads(redis.get(stored))
    assert grant["user_id"] == alice.user_id
    assert grant.get("ip_hash") == ip_hash
    if ip_hash:
        assert "***abababab" in mail.body
    assert not any(token in name for name in redis.scan_iter(f"vp:{purpose}:*"))


def test_a_new_token_email_retires_the_previous_token(api, mailbox, redis):
    alice = api.user()
    enqueue("pin_reset", alice.user_id)
    first = mailbox.wait_for(alice.email).token
    enqueue("pin_reset", alice.user_id)
    second = mailbox.wait_for(alice.email, count=2).token
    assert first != second
    assert redis.exists(f"vp:pinreset:{digest(second)}")
    assert not redis.exists(f"vp:pinreset:{digest(first)}")


def test_mail_to_an_unknown_or_deactivated_user_is_skipped(api, db, mailbox, worker):
    alice = api.user()
    db.execute("UPDATE users SET is_active = false WHERE id = %s", (alice.user_id,))
    since = len(worker.logs())
    enqueue("kyc_decided", "00000000-0000-0000-0000-000000000000", str(uuid.uuid4()))
    enqueue("pin_reset", alice.user_id)
    wait_for_log(worker, f"email skipped template=pin_reset user_id={alice.user_id}", since)
    wait_for_log(worker, "email skipped template=kyc_decided user_id=00000000-0000-0000-0000-", since)
    assert mailbox.to(alice.email) == []


def test_mail_about_a_missing_foreign_or_undecided_subject_is_skipped(api, db, mailbox, worker,
                                                                      redis):
    alice, bob = api.wallet(kyc=False), api.wallet(kyc=False)
    pending = submitted(api, alice)
    bobs = decided(api, db, bob, "rejected", "Blurred")
    foreign_ip = ip_confirmations.hold(redis, bob.user_id, "cd" * 32, 60)
    since = len(worker.logs())
    for template, subject_id in [("kyc_decided", pending), ("kyc_decided", bobs),
                                 ("kyc_decided", str(uuid.uuid4())), ("kyc_decided", None),
                                 ("ip_confirmation", foreign_ip),
                                 ("ip_confirmation", str(uuid.uuid4())),
                                 ("ip_confirmation", None)]:
        enqueue(template, alice.user_id, subject_id)
        wait_for_log(worker, f"email skipped template={template} user_id={alice.user_id}: "
                             f"no such subject {subject_id}", since)
    time.sleep(0.5)
    assert mailbox.to(alice.email) == [] and mailbox.to(bob.email) == []


def test_an_unknown_template_is_dropped_and_not_retried(api, mailbox, worker):
    alice = api.user()
    since = len(worker.logs())
    enqueue("birthday_card", alice.user_id)
    wait_for_log(worker, "email dropped template=birthday_card", since)
    time.sleep(1)  # a retry, had there been one, would have logged again by now
    logs = worker.logs()[since:]  # the task's own outcome line follows the drop's
    assert logs.count("email dropped template=birthday_card") == 1
    assert "Undeliverable" in logs
    assert mailbox.to(alice.email) == []


# --- retries ----------------------------------------------------------------------------
def test_a_send_is_retried_with_backoff_until_the_server_is_back(api, mailbox, worker, redis):
    alice = api.user()
    since = len(worker.logs())
    mailbox.stop()
    try:
        enqueue("pin_reset", alice.user_id)
        wait_for_log(worker, "ConnectionRefusedError", since)
        time.sleep(0.5)
    finally:
        mailbox.start()
    token = mailbox.wait_for(alice.email).token
    logs = wait_for_log(worker, f"email sent template=pin_reset user_id={alice.user_id}", since)
    assert re.search(r"workers\.send_email\[[^\]]+\] retry: Retry in", logs)
    time.sleep(1)
    assert len(mailbox.to(alice.email)) == 1
    # Tokens minted for the failed attempts were retired: only the delivered one works.
    assert live_tokens(redis, "pinreset", alice.user_id) == [f"vp:pinreset:{digest(token)}"]


def test_what_a_retry_cannot_fix_is_not_retried():
    assert mailer.is_transient(ConnectionRefusedError())
    assert mailer.is_transient(smtplib.SMTPServerDisconnected("gone"))
    assert mailer.is_transient(smtplib.SMTPResponseException(451, b"try later"))
    assert not mailer.is_transient(smtplib.SMTPResponseException(554, b"no"))
    assert not mailer.is_transient(smtplib.SMTPAuthenticationError(535, b"bad login"))
    assert not mailer.is_transient(smtplib.SMTPRecipientsRefused({"a@x": (550, b"no such user")}))
    assert mailer.is_transient(smtplib.SMTPRecipientsRefused({"a@x": (450, b"mailbox busy")}))
    assert not mailer.is_transient(smtplib.SMTPNotSupportedError("no STARTTLS"))


# --- transports -------------------------------------------------------------------------
def _message(s):
    return mailer.compose(s, "someone@example.com", "Hello", "A plain body")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_smtp_login_is_used_when_a_username_is_set():
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((mechanism, auth_data.login, auth_data.password))
        # handled=False: aiosmtpd answers a refusal with 535 itself.
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)

    box = Mailbox("127.0.0.1", free_port())
    box.start(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    try:
        s = SETTINGS.with_overrides(smtp_host="127.0.0.1", smtp_port=box.port,
                                    smtp_username="mailer", smtp_password="s3cret")
        assert mailer.deliver(s, _message(s)) == mailer.SMTP
        assert box.wait_for("someone@example.com").subject == "Hello"
        assert logins and logins[0][1:] == (b"mailer", b"s3cret")
        wrong = s.with_overrides(smtp_password="wrong")
        with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
            mailer.deliver(wrong, _message(wrong))
        assert not mailer.is_transient(refused.value)
    finally:
        box.stop()


def test_starttls_against_a_server_without_it_fails_for_good(mailbox):
    s = SETTINGS.with_overrides(smtp_starttls=True)
    with pytest.raises(smtplib.SMTPNotSupportedError) as refused:
        mailer.deliver(s, _message(s))
    assert not mailer.is_transient(refused.value)


def test_without_an_smtp_host_mail_is_written_as_eml_files(api, tmp_path, redis):
    from workers.email import send

    s = SETTINGS.with_overrides(smtp_host="", mail_dir=str(tmp_path / "mail"))
    alice = api.wallet()
    assert send(s, redis, "pin_reset", alice.user_id) == {"template": "pin_reset",
                                                           "outcome": "sent"}
    [path] = (tmp_path / "mail").glob("*.eml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "mail").stat().st_mode) == 0o700
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == alice.email and message["Subject"] == "Reset your VaultPay PIN"
    token = message.get_content().split("Your reset code: ")[1].split()[0]
    response = api.post("/pin/reset", alice, json={
        "token": token, "new_pin": "5937", "confirm_new_pin": "5937"})
    assert response.status_code == 200, response.json


def test_a_relative_mail_dir_is_under_the_project_root():
    assert mailer.mail_dir(SETTINGS.with_overrides(mail_dir="var/mail")) == \
        settings_module.ROOT / "var" / "mail"


# --- nothing secret where it does not belong ------------------------------------------
def test_no_token_or_body_in_the_worker_log_or_the_job_payloads(api, app, db, mailbox, worker,
                                                                 monkeypatch):
    published = []
    real_publish = outbox.publish

    def spy(task_name, args, headers=None):
        published.append(json.dumps([task_name, args, headers]))
        real_publish(task_name, args, headers)

    monkeypatch.setattr(outbox, "publish", spy)
    alice = api.wallet()
    assert api.post("/pin/reset/request", alice).status_code == 202
    mail = mailbox.wait_for(alice.email)
    token = mail.token
    wait_for_log(worker, f"email sent template=pin_reset user_id={alice.user_id}")
    logs = worker.logs()
    assert token not in logs and digest(token) not in logs
    assert "Your reset code" not in logs and mail.subject not in logs
    assert published and all("send_email" in job and token not in job for job in published)
    assert db.execute("SELECT count(*) FROM outbox WHERE args::text LIKE %s",
                      (f"%{token}%",)).fetchone()[0] == 0

