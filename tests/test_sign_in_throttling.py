"""Registration and login throttling with the real limits (the suite's own app has them
set high): registration per client IP, cheap refusals before the bcrypt hash, and
login budgets that only failed attempts use up."""
from __future__ import annotations

import uuid

import pytest

from tests.support.api import PASSWORD, PREFIX


def random_ip() -> str:
    return "10.{}.{}.{}".format(*uuid.uuid4().bytes[:3])


def new_email() -> str:
    return f"t{uuid.uuid4().hex[:12]}@example.com"


@pytest.fixture()
def strict_app(database_url):
    from web.app import create_app

    return create_app(test_config={"register_rate_per_ip": 3, "login_rate_per_ip": 3,
                                   "login_rate_per_email": 3})


def register(client, ip: str, email: str | None = None, **body):
    return client.post(PREFIX + "/auth/register", environ_base={"REMOTE_ADDR": ip}, json={
        "email": email or new_email(), "password": PASSWORD, "full_name": "Throttle Test", **body})


def login(client, ip: str, email: str, password: str = PASSWORD):
    return client.post(PREFIX + "/auth/login", environ_base={"REMOTE_ADDR": ip},
                       json={"email": email, "password": password})


@pytest.fixture()
def hashes(monkeypatch):
    """How many passwords the registration view hashed (bcrypt, the expensive step)."""
    from web.auth import resources

    calls = []
    real = resources.hash_password

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(resources, "hash_password", counting)
    return calls


def test_registration_is_rate_limited_per_ip_with_retry_after(strict_app):
    client, ip = strict_app.test_client(), random_ip()
    assert [register(client, ip).status_code for _ in range(3)] == [201] * 3

    limited = register(client, ip)
    assert limited.status_code == 429 and limited.json["error_code"] == "RATE_LIMITED"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert register(client, random_ip()).status_code == 201


def test_refused_registrations_never_reach_the_password_hash(strict_app, hashes):
    client, ip = strict_app.test_client(), random_ip()
    email = new_email()
    assert register(client, ip, email).status_code == 201
    assert len(hashes) == 1

    duplicate = register(client, ip, email.upper())
    assert duplicate.status_code == 409
    assert duplicate.json["error_code"] == "EMAIL_ALREADY_REGISTERED"
    assert register(client, ip, password="short").status_code == 422
    register(client, ip)  # the third registration from this address: the last allowed
    limited = register(client, ip)
    assert limited.status_code == 429
    assert len(hashes) == 2


def test_successful_logins_do_not_use_up_the_budget_of_an_ip_or_an_email(strict_app):
    client, office = strict_app.test_client(), random_ip()
    emails = [new_email() for _ in range(2)]
    for email in emails:
        assert register(client, random_ip(), email).status_code == 201

    # Everyone behind the office's one address signs in, some more than once.
    signed_in = [login(client, office, email).status_code for email in emails * 3]
    assert signed_in == [200] * 6

    failed = [login(client, office, new_email(), "wrong password").status_code for _ in range(3)]
    assert failed == [401] * 3
    limited = login(client, office, emails[0])
    assert limited.status_code == 429 and "Retry-After" in limited.headers


def test_a_refused_login_does_not_use_up_the_ip_budget(strict_app):
    client, ip = strict_app.test_client(), random_ip()
    target = new_email()
    assert register(client, random_ip(), target).status_code == 201
    for _ in range(3):  # the email's budget, spent from elsewhere
        assert login(client, random_ip(), target, "wrong password").status_code == 401

    assert login(client, ip, target, "wrong password").status_code == 429
    other = new_email()
    assert register(client, random_ip(), other).status_code == 201
    # The 429 above was no failed password check: the address still has all three.
    assert [login(client, ip, new_email(), "wrong").status_code for _ in range(3)] == [401] * 3
    assert login(client, ip, other).status_code == 429
