"""IP trust through the API (section 8): the first IP is trusted, a new one is refused
until the emailed code confirms it; list, revoke, and X-Forwarded-For only behind the
configured proxies. Emails go through the real worker to the in-process SMTP server."""
from __future__ import annotations

import os
import threading
import time
import uuid

import pytest

from db import ip_confirmations
from db import redis as vp_redis
from domain.ip_trust import hash_ip
from domain.one_time_tokens import digest
from tests.support.api import PIN, Api
from tests.support.routes import NOWHERE

pytestmark = pytest.mark.usefixtures("worker")

NEW_IP = "203.0.113.9"
OTHER_IP = "198.51.100.7"


@pytest.fixture()
def redis():
    return vp_redis.client(os.environ["REDIS_URL"])


def from_ip(app, db, ip: str, test_config: dict | None = None) -> Api:
    """A client whose requests come from `ip` (the socket's peer address)."""
    if test_config:
        from web.app import create_app

        app = create_app(test_config)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    return Api(client, db)


def send(api: Api, caller, to, amount: str = "1.00", key: str | None = None, **extra):
    return api.call("POST", "/transactions/send", caller, json={
        "recipient_wallet_id": to.wallet_id, "amount": amount, "pin": PIN},
        headers={"Idempotency-Key": key or uuid.uuid4().hex, "Prefer": "wait=10", **extra})


def withdraw(api: Api, caller, amount: str = "1.00"):
    return api.call("POST", "/transactions/withdraw", caller, json={
        "amount": amount, "bank_account": "123456789", "ifsc": "SBIN0000001", "pin": PIN},
        headers={"Idempotency-Key": uuid.uuid4().hex})


def ip_hash(app, ip: str) -> str:
    return hash_ip(ip, app.config["SETTINGS"].ip_hash_key)


def trusted(api: Api, caller) -> list[dict]:
    response = api.get("/ip-trust", caller)
    assert response.status_code == 200, response.json
    return response.json["data"]["items"]


def blocked_notes(db, caller) -> list:
    return db.execute("SELECT body, metadata FROM notifications WHERE user_id = %s"
                      " AND type = 'ip_blocked'", (caller.user_id,)).fetchall()


def confirm(api: Api, token):
    return api.post("/ip-trust/confirm", json={"token": token})


@pytest.fixture()
def payer(api):
    """A funded user who has already sent once from 127.0.0.1, their first IP."""
    alice, bob = api.wallet(funds="100.00"), api.wallet()
    first = send(api, alice, bob)
    assert first.status_code == 201, first.json
    return alice, bob


# --- the first IP ---------------------------------------------------------------------
def test_the_first_ip_a_user_transacts_from_is_trusted_and_stored_only_as_a_keyed_hash(app, api, db):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    assert trusted(api, alice) == []
    assert send(api, alice, bob).status_code == 201
    [entry] = trusted(api, alice)
    expected = ip_hash(app, "127.0.0.1")
    assert entry["ip_masked"] == "***" + expected[-8:]
    assert set(entry) == {"ip_id", "ip_masked", "trusted_at", "expires_at", "revoked_at"}
    row = db.execute("SELECT ip_hash, source, expires_at - trusted_at, revoked_at FROM trusted_ips"
                     " WHERE user_id = %s", (alice.user_id,)).fetchone()
    assert row[0] == expected and row[1] == "first_use" and row[3] is None
    assert row[2].days == 30
    everything = db.execute("SELECT t::text FROM trusted_ips t WHERE user_id = %s",
                            (alice.user_id,)).fetchone()[0]
    assert "127.0.0.1" not in everything


@pytest.mark.parametrize("kind, refused_body, status", [
    ("send", {"pin": "9173"}, 401),           # a wrong PIN
    ("send", {"amount": "500.00"}, 402),      # more than the balance
    ("withdraw", {"pin": "9173"}, 401),
    ("withdraw", {"amount": "500.00"}, 402),
])
def test_a_refused_first_payment_trusts_nothing(app, api, db, kind, refused_body, status):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    intruder = from_ip(app, db, NEW_IP)
    target = ({"recipient_wallet_id": bob.wallet_id} if kind == "send"
              else {"bank_account": "123456789", "ifsc": "SBIN0000001"})
    response = intruder.call("POST", f"/transactions/{kind}", alice, json={
        **target, "amount": "1.00", "pin": PIN, **refused_body},
        headers={"Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code == status, response.json
    assert trusted(api, alice) == []
    assert db.execute("SELECT count(*) FROM trusted_ips WHERE user_id = %s",
                      (alice.user_id,)).fetchone()[0] == 0

    # The owner's own network is still the first, and is trusted once a payment is accepted.
    assert send(api, alice, bob).status_code == 201
    [entry] = trusted(api, alice)
    assert entry["ip_masked"] == "***" + ip_hash(app, "127.0.0.1")[-8:]
    assert send(intruder, alice, bob).status_code == 403


def test_two_first_payments_from_two_ips_at_once_trust_only_one(app, api, db):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    codes, guard = [], threading.Lock()

    def pay(ip):
        response = send(from_ip(app, db, ip), alice, bob)
        with guard:
            codes.append(response.status_code)

    threads = [threading.Thread(target=pay, args=(ip,)) for ip in (NEW_IP, OTHER_IP)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [201, 403]
    assert len(trusted(api, alice)) == 1


def test_concurrent_first_payments_from_one_ip_all_pass_the_check(app, api, db):
    alice, bob = api.wallet(funds="10.00"), api.wallet()
    codes, guard, start = [], threading.Lock(), threading.Barrier(8)

    def pay():
        client = Api(app.test_client(), db)
        start.wait()
        response = send(client, alice, bob, amount="0.50")
        with guard:
            codes.append(response.status_code)

    threads = [threading.Thread(target=pay) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [201] * 8
    assert len(trusted(api, alice)) == 1


def test_a_top_up_is_not_gated_and_does_not_count_as_the_first_ip(app, api, db):
    alice = api.wallet()
    stranger = from_ip(app, db, NEW_IP)
    assert stranger.topup(alice, "5.00", wait=10)["status"] == "completed"
    assert trusted(api, alice) == []


# --- a new IP ---------------------------------------------------------------------------
def test_a_payment_from_a_new_ip_is_refused_until_the_emailed_code_confirms_it(
        app, api, db, mailbox, redis, payer, email_jobs_carry_ids_only):
    alice, bob = payer
    stranger = from_ip(app, db, NEW_IP)
    relogged = stranger.login(alice.email, alice.user_id)  # signing in is not gated
    key = uuid.uuid4().hex
    refused = send(stranger, relogged, bob, key=key)
    assert refused.status_code == 403 and refused.json["error_code"] == "UNTRUSTED_IP"
    assert api.balance(alice) == "99.00"

    [(body, metadata)] = blocked_notes(db, alice)
    assert metadata == {"ip_masked": "***" + ip_hash(app, NEW_IP)[-8:], "action": "send"}
    assert NEW_IP not in body
    mail = mailbox.wait_for(alice.email, "Confirm a new network")
    assert metadata["ip_masked"] in mail.body and NEW_IP not in mail.body
    # The job was told ids only: the IP hash waits in Redis under the id it was given.
    [(template, user_id, confirmation_id)] = email_jobs_carry_ids_only
    assert (template, user_id) == ("ip_confirmation", alice.user_id)
    assert ip_confirmations.fetch(redis, confirmation_id, alice.user_id) == ip_hash(app, NEW_IP)
    assert 29 * 60 < redis.ttl(f"vp:ipconfirm_request:{confirmation_id}") <= 30 * 60

    confirmed = confirm(api, mail.token)
    assert confirmed.status_code == 200, confirmed.json
    assert confirmed.json["data"]["ip_masked"] == metadata["ip_masked"]
    retried = send(stranger, relogged, bob, key=key)
    assert retried.status_code == 201, retried.json
    assert api.balance(alice) == "98.00"
    masks = {entry["ip_masked"] for entry in trusted(api, alice)}
    assert masks == {metadata["ip_masked"], "***" + ip_hash(app, "127.0.0.1")[-8:]}


def test_confirming_and_revoking_an_ip_are_audited_without_the_ip(app, api, db, mailbox, payer):
    alice, bob = payer
    assert send(from_ip(app, db, NEW_IP), alice, bob).status_code == 403
    confirmed = confirm(api, mailbox.wait_for(alice.email, "Confirm a new network").token)
    assert confirmed.status_code == 200, confirmed.json
    ip_id = confirmed.json["data"]["ip_id"]
    assert api.call("DELETE", f"/ip-trust/{ip_id}", alice).status_code == 200

    admin = api.user("admin")
    response = api.get("/admin/audit-logs", admin,
                       query_string={"actor_id": alice.user_id, "target_type": "trusted_ip"})
    rows = list(reversed(response.json["data"]["items"]))
    assert [(row["action"], row["target_id"]) for row in rows] == [
        ("IP_CONFIRMED", ip_id), ("IP_REMOVED", ip_id)]
    masked = "***" + ip_hash(app, NEW_IP)[-8:]
    assert rows[0]["after_state"]["ip_masked"] == masked
    assert rows[1]["before_state"]["revoked_at"] is None and rows[1]["after_state"]["revoked_at"]
    states = str([(row["before_state"], row["after_state"]) for row in rows])
    assert NEW_IP not in states and ip_hash(app, NEW_IP) not in states


def test_a_withdrawal_from_a_new_ip_is_refused_too(app, api, db, mailbox, payer):
    alice, _ = payer
    refused = withdraw(from_ip(app, db, NEW_IP), alice)
    assert refused.status_code == 403 and refused.json["error_code"] == "UNTRUSTED_IP"
    assert blocked_notes(db, alice)[0][1]["action"] == "withdraw"
    mailbox.wait_for(alice.email, "Confirm a new network")


def test_an_untrusted_ip_is_refused_before_the_pin_is_checked(app, api, db, payer):
    alice, bob = payer
    stranger = from_ip(app, db, NEW_IP)
    for _ in range(4):
        response = stranger.call("POST", "/transactions/send", alice, json={
            "recipient_wallet_id": bob.wallet_id, "amount": "1.00", "pin": "9173"},
            headers={"Idempotency-Key": uuid.uuid4().hex})
        assert response.json["error_code"] == "UNTRUSTED_IP"
    assert db.execute("SELECT failed_attempts FROM wallet_pins WHERE wallet_id = %s",
                      (alice.wallet_id,)).fetchone()[0] == 0


def test_a_retrying_client_gets_one_email_and_one_notification(app, api, db, mailbox, payer):
    alice, bob = payer
    stranger = from_ip(app, db, NEW_IP)
    for _ in range(3):
        assert send(stranger, alice, bob).json["error_code"] == "UNTRUSTED_IP"
    assert len(blocked_notes(db, alice)) == 1
    mailbox.wait_for(alice.email, "Confirm a new network")
    # Another IP is another question: it gets its own email.
    assert send(from_ip(app, db, OTHER_IP), alice, bob).json["error_code"] == "UNTRUSTED_IP"
    mailbox.wait_for(alice.email, "Confirm a new network", count=2)
    assert len(mailbox.to(alice.email, "Confirm a new network")) == 2
    assert len(blocked_notes(db, alice)) == 2


# --- confirm ----------------------------------------------------------------------------
def test_a_confirmation_code_works_once(api, app, db, mailbox, payer):
    alice, bob = payer
    send(from_ip(app, db, NEW_IP), alice, bob)
    token = mailbox.wait_for(alice.email, "Confirm a new network").token
    assert confirm(api, token).status_code == 200
    again = confirm(api, token)
    assert again.status_code == 400 and again.json["error_code"] == "INVALID_TOKEN"


@pytest.mark.parametrize("token", ["not-a-code", "x" * 256, "A" * 43])
def test_an_unknown_code_is_an_invalid_token(api, token):
    response = confirm(api, token)
    assert response.status_code == 400 and response.json["error_code"] == "INVALID_TOKEN"


@pytest.mark.parametrize("body", [{}, {"token": ""}, {"token": 12}, {"token": "x" * 257},
                                  {"token": "abc", "user_id": "someone"}])
def test_a_malformed_confirmation_is_a_validation_error(api, body):
    response = api.post("/ip-trust/confirm", json=body)
    assert response.status_code == 422 and response.json["error_code"] == "VALIDATION_ERROR"


def test_an_expired_code_is_an_invalid_token(app, api, db, mailbox, redis, payer):
    alice, bob = payer
    send(from_ip(app, db, NEW_IP), alice, bob)
    token = mailbox.wait_for(alice.email, "Confirm a new network").token
    stored = f"vp:ipconfirm:{digest(token)}"
    assert 1700 < redis.ttl(stored) <= 1800
    redis.pexpire(stored, 1)
    time.sleep(0.05)
    response = confirm(api, token)
    assert response.status_code == 400 and response.json["error_code"] == "INVALID_TOKEN"
    assert send(from_ip(app, db, NEW_IP), alice, bob).json["error_code"] == "UNTRUSTED_IP"


def test_two_concurrent_confirmations_with_one_code_succeed_once(app, api, db, mailbox, payer):
    alice, bob = payer
    send(from_ip(app, db, NEW_IP), alice, bob)
    token = mailbox.wait_for(alice.email, "Confirm a new network").token
    codes, guard, start = [], threading.Lock(), threading.Barrier(8)

    def use():
        client = Api(app.test_client(), db)
        start.wait()
        response = confirm(client, token)
        with guard:
            codes.append(response.status_code)

    threads = [threading.Thread(target=use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200] + [400] * 7
    assert db.execute("SELECT count(*) FROM trusted_ips WHERE user_id = %s",
                      (alice.user_id,)).fetchone()[0] == 2


# --- list and revoke --------------------------------------------------------------------
def test_listing_needs_a_sign_in(api):
    response = api.get("/ip-trust")
    assert response.status_code == 401 and response.json["error_code"] == "TOKEN_MISSING"


def test_revoking_an_ip_refuses_payments_from_it_again(api, payer):
    alice, bob = payer
    [entry] = trusted(api, alice)
    revoked = api.call("DELETE", f"/ip-trust/{entry['ip_id']}", alice)
    assert revoked.status_code == 200 and revoked.json["data"]["revoked_at"] is not None
    assert trusted(api, alice) == []
    # Not the first IP any more: revoking everything does not reopen the auto-trust.
    refused = send(api, alice, bob)
    assert refused.status_code == 403 and refused.json["error_code"] == "UNTRUSTED_IP"
    again = api.call("DELETE", f"/ip-trust/{entry['ip_id']}", alice)
    assert again.status_code == 404 and again.json["error_code"] == "TRUSTED_IP_NOT_FOUND"


@pytest.mark.parametrize("ip_id", ["mine-of-someone-else", NOWHERE, "not-a-uuid"])
def test_revoking_another_users_or_an_unknown_ip_is_not_found(api, payer, ip_id):
    alice, _ = payer
    if ip_id == "mine-of-someone-else":
        ip_id = trusted(api, alice)[0]["ip_id"]
        caller = api.wallet()
    else:
        caller = alice
    response = api.call("DELETE", f"/ip-trust/{ip_id}", caller)
    assert response.status_code == 404 and response.json["error_code"] == "TRUSTED_IP_NOT_FOUND"
    assert len(trusted(api, alice)) == 1


def test_a_trust_expires_after_its_thirty_days(api, db, payer):
    alice, bob = payer
    db.execute("UPDATE trusted_ips SET trusted_at = now() - interval '31 days',"
               " expires_at = now() - interval '1 day' WHERE user_id = %s", (alice.user_id,))
    assert trusted(api, alice) == []
    assert send(api, alice, bob).json["error_code"] == "UNTRUSTED_IP"


# --- which IP is the client's ---------------------------------------------------------
def test_x_forwarded_for_is_ignored_without_trusted_proxies(app, api, db, payer):
    alice, bob = payer
    spoofed = send(api, alice, bob, **{"X-Forwarded-For": NEW_IP})
    assert spoofed.status_code == 201, spoofed.json
    assert len(trusted(api, alice)) == 1


def test_x_forwarded_for_is_the_client_ip_behind_one_trusted_proxy(app, api, db, mailbox, payer):
    alice, bob = payer
    proxy = from_ip(app, db, "10.0.0.5", {"trusted_proxies": 1})
    # The proxy appends the peer it saw; anything the client wrote before it is not believed.
    forwarded = {"X-Forwarded-For": f"{OTHER_IP}, {NEW_IP}"}
    refused = send(proxy, alice, bob, **forwarded)
    assert refused.status_code == 403 and refused.json["error_code"] == "UNTRUSTED_IP"
    assert blocked_notes(db, alice)[0][1]["ip_masked"] == "***" + ip_hash(app, NEW_IP)[-8:]
    assert confirm(api, mailbox.wait_for(alice.email, "Confirm a new network").token).status_code == 200
    assert send(proxy, alice, bob, **forwarded).status_code == 201
    # Through the proxy, a request without the header is the proxy's own address.
    assert send(proxy, alice, bob).json["error_code"] == "UNTRUSTED_IP"
