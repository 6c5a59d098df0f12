"""No secret anywhere it could be read later: one user's whole life through the API
(register, log in, PIN set and verify, money with a PIN, KYC, PIN reset by email,
refresh, mistakes on the way), then every log line of this process and of the worker,
every job message published, the outbox, the rows written about the user, and every
error body are scanned for each secret that user ever sent or was given."""
from __future__ import annotations

import json
import logging
import re
import uuid

import pytest
from celery.signals import before_task_publish

from checks.ledger import wait_all_finished
from tests.support import kyc
from tests.support.api import Api

pytestmark = pytest.mark.usefixtures("worker")

PASSWORD = f"Never-Log-Me-{uuid.uuid4().hex[:8]}"
NEW_PASSWORD_ATTEMPT = f"Wrong-Guess-{uuid.uuid4().hex[:8]}"
PIN, WRONG_PIN, NEW_PIN = "6173", "6174", "8052"
BANK_ACCOUNT = "918273645501"

# Random ids (UUIDs, hex, wallet and reference ids) and clock readings could hold a
# PIN's four digits by chance; they are removed before looking for short secrets.
_NOISE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[0-9a-fA-F]{32,}|VPY-[A-Z0-9]{6}|VP-TXN-[A-Z0-9]{10}"
    r"|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:?\d{2}|Z)?"
    r"|\d+\.\d+(?:e-?\d+)?s?")


def mentions(secret: str, text: str) -> bool:
    if len(secret) <= 6:
        return re.search(rf"(?<![0-9]){re.escape(secret)}(?![0-9])", _NOISE.sub(" ", text)) is not None
    return secret in text


class Session:
    """Drives the API and keeps every response, and which of them may carry tokens."""

    def __init__(self, api: Api):
        self.api, self.responses, self.token_bearing = api, [], set()

    def call(self, method, path, caller=None, *, carries_tokens=False, **kwargs):
        response = self.api.call(method, path, caller, **kwargs)
        self.responses.append((method, path, response))
        if carries_tokens:
            self.token_bearing.add(len(self.responses) - 1)
        return response


def test_no_pin_password_token_or_document_number_is_logged_queued_or_echoed(
        app, db, worker, mailbox, caplog):
    caplog.set_level(logging.DEBUG)
    published = []

    def capture(sender=None, body=None, headers=None, **_):
        published.append(json.dumps([sender, body, headers], default=str))

    worker_logs_before = len(worker.logs())
    before_task_publish.connect(capture)
    try:
        secrets, session, user_id = live_a_users_life(app, db, mailbox)
    finally:
        before_task_publish.disconnect(capture)
    outbox_rows = [row[0] for row in db.execute("SELECT o::text FROM outbox o").fetchall()]
    rows = [row[0] for row in db.execute(
        "SELECT t::text FROM (SELECT to_jsonb(o) AS t FROM operations o WHERE user_id = %(u)s"
        " UNION ALL SELECT to_jsonb(a) FROM audit_logs a WHERE a.target_id IN"
        "   (%(u)s::text, (SELECT id FROM wallets WHERE user_id = %(u)s))"
        " UNION ALL SELECT to_jsonb(n) FROM notifications n WHERE user_id = %(u)s"
        " UNION ALL SELECT to_jsonb(k) FROM kyc_submissions k WHERE user_id = %(u)s"
        " UNION ALL SELECT to_jsonb(u) FROM users u WHERE id = %(u)s) x",
        {"u": user_id}).fetchall()]

    places = {
        "this process's logs": our_log_lines(caplog),
        "the worker's logs": worker.logs()[worker_logs_before:],
        "published job messages": "\n".join(published),
        "the outbox": "\n".join(outbox_rows),
        "rows about the user": "\n".join(rows),
        "error bodies": "\n".join(r.get_data(as_text=True) for _, _, r in session.responses
                                  if r.status_code >= 400),
        "other bodies": "\n".join(r.get_data(as_text=True)
                                  for i, (_, _, r) in enumerate(session.responses)
                                  if r.status_code < 400 and i not in session.token_bearing),
    }
    assert published and places["this process's logs"] and places["the worker's logs"]
    found = [(name, place) for name, secret in secrets.items()
             for place, text in places.items() if mentions(secret, text)]

    assert not found, found


def our_log_lines(caplog) -> str:
    # aiosmtpd's own debug log is the test's mail server reading the email, which
    # is where a reset code is meant to go.
    return "\n".join(caplog.handler.format(record) for record in caplog.records
                     if not record.name.startswith("mail.log"))


def live_a_users_life(app, db, mailbox):
    api = Api(app.test_client(), db)
    s = Session(api)
    email = f"scan-{uuid.uuid4().hex[:10]}@example.com"
    secrets = {"password": PASSWORD, "wrong password": NEW_PASSWORD_ATTEMPT, "PIN": PIN,
               "wrong PIN": WRONG_PIN, "new PIN": NEW_PIN, "bank account": BANK_ACCOUNT}

    s.call("POST", "/auth/register", json={"email": email, "password": "short", "full_name": "S"})
    user_id = s.call("POST", "/auth/register", json={
        "email": email, "password": PASSWORD, "full_name": "Secret Keeper"}).json["data"]["user_id"]
    s.call("POST", "/auth/login", json={"email": email, "password": NEW_PASSWORD_ATTEMPT})
    login = s.call("POST", "/auth/login", carries_tokens=True,
                   json={"email": email, "password": PASSWORD}).json["data"]
    from tests.support.api import Caller

    me = Caller(email, user_id, login["access_token"], login["refresh_token"])
    secrets.update({"access token": me.access_token, "refresh token": me.refresh_token,
                    "access token signature": me.access_token.rsplit(".", 1)[1]})

    me.wallet_id = s.call("POST", "/wallets/create", me, json={"currency": "INR"}).json["data"]["wallet_id"]
    db.execute("UPDATE wallets SET kyc_verified = true, kyc_tier = 1 WHERE id = %s", (me.wallet_id,))
    s.call("POST", "/pin/set", me, json={"pin": PIN, "confirm_pin": PIN[::-1]})
    s.call("POST", "/pin/set", me, json={"pin": PIN, "confirm_pin": PIN})
    s.call("POST", "/pin/verify", me, json={"pin": WRONG_PIN})
    s.call("POST", "/pin/verify", me, json={"pin": PIN})

    other = api.wallet()
    topup = s.call("POST", "/transactions/topup", me, headers={"Idempotency-Key": uuid.uuid4().hex},
                   json={"amount": "100.00", "payment_method": "upi"}).json["data"]
    wait_all_finished(db, [topup["operation_id"]], timeout_s=20)
    money = [
        s.call("POST", "/transactions/send", me, headers={"Idempotency-Key": uuid.uuid4().hex},
               json={"recipient_wallet_id": other.wallet_id, "amount": "5.00", "pin": PIN}),
        s.call("POST", "/transactions/withdraw", me, headers={"Idempotency-Key": uuid.uuid4().hex},
               json={"amount": "3.00", "bank_account": BANK_ACCOUNT, "ifsc": "SBIN0000001",
                     "pin": PIN}),
        s.call("POST", "/transactions/send", me, headers={"Idempotency-Key": uuid.uuid4().hex},
               json={"recipient_wallet_id": other.wallet_id, "amount": "1.00", "pin": WRONG_PIN}),
    ]
    assert [r.status_code for r in money] == [202, 202, 401]
    wait_all_finished(db, [r.json["data"]["operation_id"] for r in money[:2]], timeout_s=20)

    number = kyc.new_number("aadhaar")
    secrets.update({"document number": number, "spaced document number": kyc.spaced(number)})
    s.call("POST", "/kyc/submit", me, json={"doc_type": "aadhaar", "doc_number": number[:-1] + "x"})
    s.call("POST", "/kyc/submit", me, json={"doc_type": "pan", "doc_number": kyc.spaced(number)})

    s.call("POST", "/pin/reset/request", me)
    token = mailbox.wait_for(email, "Reset your VaultPay PIN").token
    secrets["PIN reset token"] = token
    s.call("POST", "/pin/reset", me, json={"token": token[:-2] + "zz", "new_pin": NEW_PIN,
                                           "confirm_new_pin": NEW_PIN})
    for expected in (200, 400):  # the code works once
        assert s.call("POST", "/pin/reset", me, json={
            "token": token, "new_pin": NEW_PIN, "confirm_new_pin": NEW_PIN}).status_code == expected

    pair = s.call("POST", "/auth/refresh", carries_tokens=True,
                  json={"refresh_token": me.refresh_token}).json["data"]
    secrets["rotated refresh token"] = pair["refresh_token"]
    secrets["second access token"] = pair["access_token"]
    s.call("POST", "/auth/refresh", json={"refresh_token": me.refresh_token})  # reuse: revoked
    s.call("GET", "/auth/me", headers={"Authorization": f"Bearer {me.access_token}x"})
    return secrets, s, user_id


# --- error paths ------------------------------------------------------------------------------
@pytest.fixture()
def failing_inserts(db):
    """Inserts of users and operations that PostgreSQL refuses with an unexpected error
    (a 500), quoting the whole row in its message as its own errors quote values."""
    name = f"vp_trap_{uuid.uuid4().hex[:10]}"
    trapped = {"email_prefix": f"trap-{uuid.uuid4().hex[:8]}"}
    db.execute(f"""
        CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW::text LIKE '%{trapped["email_prefix"]}%'
             OR (to_jsonb(NEW) ->> 'user_id') IN
                (SELECT id::text FROM users WHERE email LIKE '{trapped["email_prefix"]}%') THEN
            RAISE EXCEPTION 'refused row %', NEW::text USING DETAIL = 'row: ' || NEW::text;
          END IF;
          RETURN NEW;
        END $$""")
    for table in ("users", "operations"):
        db.execute(f"CREATE TRIGGER {name} BEFORE INSERT ON {table}"
                   f" FOR EACH ROW EXECUTE FUNCTION {name}()")
    try:
        yield trapped
    finally:
        for table in ("users", "operations"):
            db.execute(f"DROP TRIGGER {name} ON {table}")
        db.execute(f"DROP FUNCTION {name}()")


def test_a_500_logs_no_bound_parameter_nor_payload(app, db, caplog, failing_inserts):
    import logs

    caplog.set_level(logging.DEBUG)
    api = Api(app.test_client(), db)
    email = f"{failing_inserts['email_prefix']}@example.com"
    registered = api.post("/auth/register", json={
        "email": email, "password": PASSWORD, "full_name": "Error Path"})

    # A user who exists, whose operations the database then refuses.
    payer = api.wallet()
    db.execute("UPDATE users SET email = %s WHERE id = %s",
               (f"{failing_inserts['email_prefix']}-payer@example.com", payer.user_id))
    note = f"private-note-{uuid.uuid4().hex}"
    topup = api.money("topup", payer, {"amount": "77.31", "payment_method": "upi",
                                        "metadata": {"note": note}})

    assert (registered.status_code, topup.status_code) == (500, 500)
    lines = [logs.JsonFormatter().format(record) for record in caplog.records]
    failures = [line for line in lines if '"exception"' in line]
    assert len(failures) >= 2 and all("sqlstate=P0001" in line for line in failures)
    text = "\n".join(lines)
    for secret in (email, PASSWORD, "$2b$", note, payer.email, payer.wallet_id, "77.31"):
        assert secret not in text, secret
