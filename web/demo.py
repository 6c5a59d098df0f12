"""`flask --app wsgi seed-demo`: accounts to try VaultPay with, made through the API.

Everything except the first super admin goes through the application's own HTTP
routes (in-process, with Flask's test client): registration, the role change by the
super admin, KYC submission and approval by the moderator, the PIN, and a top-up that
the worker posts as a balanced journal like any other. So the demo data carries the
same audit rows, notifications and ledger entries as real use, and nothing sets a
balance directly. Every step tolerates having been done before, and the top-up uses a
fixed Idempotency-Key: a second run changes nothing and says so.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from flask import Flask

from db import users
from domain.passwords import hash_password
from web import context

PREFIX = "/api/v1"
TOPUP_KEY = "seed-demo-topup-1"
PIN = "4826"


@dataclass(frozen=True)
class Person:
    email: str
    password: str
    full_name: str
    role: str
    pan: str = ""
    funds: str = ""


STAFF = [
    Person("demo.admin@example.com", "demo-admin-password", "Demo Super Admin", "super_admin"),
    Person("demo.moderator@example.com", "demo-moderator-password", "Demo Moderator", "moderator"),
]
CUSTOMERS = [
    Person("demo.asha@example.com", "demo-user-password", "Asha Rao", "user", "VPDMA1001A", "25000.00"),
    Person("demo.ravi@example.com", "demo-user-password", "Ravi Gupta", "user", "VPDMB1002B", "10000.00"),
    Person("demo.meera@example.com", "demo-user-password", "Meera Iyer", "user", "VPDMC1003C", "5000.00"),
]


class DemoError(Exception):
    """Raised when a step answers something a demo run cannot carry on from."""


@dataclass
class Seeded:
    person: Person
    changes: list[str] = field(default_factory=list)
    wallet_id: str = ""
    operation_id: str = ""
    balance: str = ""
    token: str = ""


class _Client:
    def __init__(self, app: Flask):
        self.http = app.test_client()

    def call(self, method: str, path: str, token: str | None = None, json=None,
             headers: dict | None = None, expect=(200,)):
        all_headers = {"Authorization": f"Bearer {token}"} if token else {}
        all_headers.update(headers or {})
        response = self.http.open(PREFIX + path, method=method, json=json, headers=all_headers)
        body = response.get_json(silent=True) or {}
        if response.status_code not in expect:
            raise DemoError(f"{method} {path} answered {response.status_code} "
                            f"{body.get('error_code')}: {body.get('message')}")
        return response.status_code, body

    def login(self, person: Person) -> str:
        status, body = self.call("POST", "/auth/login", json={
            "email": person.email, "password": person.password}, expect=(200, 401))
        if status == 401:
            raise DemoError(f"{person.email} exists with another password; the demo cannot "
                            "use it (delete that account or use another database)")
        return body["data"]["access_token"]


def seed(app: Flask, wait_s: float = 20) -> list[Seeded]:
    if context.settings().env == "production":
        raise DemoError("seed-demo is refused when VAULTPAY_ENV=production")
    client = _Client(app)
    # One access-log line per in-process request would bury the report; errors still show.
    log = logging.getLogger("vaultpay")
    level = log.level
    log.setLevel(logging.WARNING)
    try:
        admin = _super_admin(STAFF[0])
        admin_token = client.login(STAFF[0])
        moderator = _moderator(client, STAFF[1], admin_token)
        moderator_token = client.login(STAFF[1])
        customers = [_customer(client, person, moderator_token) for person in CUSTOMERS]
        _await_topups(client, customers, wait_s)
    finally:
        log.setLevel(level)
    return [admin, moderator, *customers]


def _super_admin(person: Person) -> Seeded:
    # The one account the API cannot make (nobody self-registers above `user`): made
    # the way `flask create-superadmin` makes it.
    seeded = Seeded(person)
    rounds = context.settings().bcrypt_rounds
    with context.uow() as session:
        user = users.by_email(session, person.email)
        if user is None:
            users.insert_unless_registered(
                session, email=person.email, password_hash=hash_password(person.password, rounds),
                full_name=person.full_name, role="super_admin")
            seeded.changes.append("created")
        elif user.role != "super_admin":
            raise DemoError(f"{person.email} exists with the role {user.role}, not super_admin")
    return seeded


def _register(client: _Client, person: Person, seeded: Seeded) -> tuple[str, dict]:
    status, _ = client.call("POST", "/auth/register", json={
        "email": person.email, "password": person.password, "full_name": person.full_name},
        expect=(201, 409))
    if status == 201:
        seeded.changes.append("registered")
    token = client.login(person)
    _, me = client.call("GET", "/auth/me", token)
    return token, me["data"]


def _moderator(client: _Client, person: Person, admin_token: str) -> Seeded:
    seeded = Seeded(person)
    _, me = _register(client, person, seeded)
    if me["role"] != person.role:
        client.call("POST", f"/admin/users/{me['user_id']}/role", admin_token,
                    json={"role": person.role})
        seeded.changes.append(f"promoted to {person.role}")
    return seeded


def _customer(client: _Client, person: Person, moderator_token: str) -> Seeded:
    seeded = Seeded(person)
    token, _ = _register(client, person, seeded)
    status, _ = client.call("POST", "/wallets/create", token, json={"currency": "INR"},
                            expect=(201, 409))
    if status == 201:
        seeded.changes.append("wallet created")
    _, wallet = client.call("GET", "/wallets/me", token)
    seeded.wallet_id = wallet["data"]["wallet_id"]
    _verify_kyc(client, person, token, moderator_token, seeded)
    status, _ = client.call("POST", "/pin/set", token, json={"pin": PIN, "confirm_pin": PIN},
                            expect=(201, 409))
    if status == 201:
        seeded.changes.append("PIN set")
    status, operation = client.call(
        "POST", "/transactions/topup", token,
        json={"amount": person.funds, "payment_method": "upi",
              "metadata": {"source": "seed-demo"}},
        headers={"Idempotency-Key": TOPUP_KEY}, expect=(200, 201, 202))
    if status != 200:  # 200 is the replay of an earlier run's top-up
        seeded.changes.append(f"top-up of {person.funds} submitted")
    seeded.operation_id = operation["data"]["operation_id"]
    seeded.token = token  # for polling the operation and reading the balance
    return seeded


def _verify_kyc(client: _Client, person: Person, token: str, moderator_token: str,
                seeded: Seeded) -> None:
    _, status_body = client.call("GET", "/kyc/status", token)
    state = status_body["data"]
    if state["status"] == "verified":
        return
    submission_id = state.get("submission_id")
    if state["status"] != "pending":
        _, submitted = client.call("POST", "/kyc/submit", token, expect=(201,),
                                   json={"doc_type": "pan", "doc_number": person.pan})
        submission_id = submitted["data"]["submission_id"]
    client.call("POST", f"/admin/kyc/{submission_id}/approve", moderator_token)
    seeded.changes.append("KYC approved by the moderator")


def _await_topups(client: _Client, customers: list[Seeded], wait_s: float) -> None:
    """Wait for the worker to post the top-ups; without a worker they stay queued."""
    deadline = time.monotonic() + wait_s
    pending = list(customers)
    while pending:
        for seeded in list(pending):
            _, body = client.call("GET", f"/operations/{seeded.operation_id}", seeded.token)
            if body["data"]["status"] in ("completed", "failed"):
                pending.remove(seeded)
        if not pending or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    for seeded in customers:
        _, balance = client.call("GET", "/wallets/balance", seeded.token)
        seeded.balance = balance["data"]["balance"]
        if seeded in pending:
            seeded.balance += "  (top-up still queued: is a worker running?)"


def report(seeded: list[Seeded]) -> str:
    fresh = any(s.changes for s in seeded)
    lines = ["Demo data created." if fresh else "Demo data already exists; nothing changed.", ""]
    for s in seeded:
        done = "; ".join(s.changes) if s.changes else "exists"
        lines.append(f"  {s.person.role:<11}  {s.person.email:<28}  password {s.person.password:<24}"
                     f"  {done}")
        if s.wallet_id:
            lines.append(f"  {'':<11}  wallet {s.wallet_id}, KYC verified, PIN {PIN}, "
                         f"balance {s.balance}")
    lines += ["", "These passwords are public: use this data on development machines only.",
              "Try a transfer: README.md, section \"Try it with curl\", logging in as "
              f"{CUSTOMERS[0].email}."]
    return "\n".join(lines)
