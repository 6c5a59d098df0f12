"""Broken object- and function-level authorisation (OWASP API1 and API5), walked over
every route of the OpenAPI document, with every role, against another user's ids.

A victim owns one of every kind of resource. Each attacker (one per role) calls every
route with the victim's ids: a user route answers 404 for a foreign id (never 403,
so ids cannot be probed), an admin route answers 403 below its minimum role, and no
body an attacker is not entitled to ever holds the victim's email, name, user id or
balance. The public wallet lookup is the one user route that answers for a foreign id,
and it shows neither balance nor email. A route missing from the tables below fails
the suite, and so does an entry whose route is gone.
"""
from __future__ import annotations

import psycopg
import pytest

from tests.support import kyc, routes
from tests.support.api import PIN, Api
from tests.support.waiting import eventually
from tests.test_admin_roles import MINIMUM_ROLE as ADMIN_MINIMUM_ROLE

ROLES = ("user", "moderator", "admin", "super_admin")

# Calls without a token.
PUBLIC = {"POST /auth/register", "POST /auth/login", "POST /auth/refresh",
          "POST /ip-trust/confirm"}
# The caller's own resources only; no other user's id can be named.
SELF = {
    "POST /auth/logout", "GET /auth/me",
    "GET /disputes", "POST /disputes",
    "GET /holds", "POST /holds",
    "GET /ip-trust",
    "GET /kyc/status", "POST /kyc/submit",
    "GET /limits", "POST /limits", "PATCH /limits/{action}", "DELETE /limits/{action}",
    "GET /notifications", "POST /notifications/read-all", "GET /notifications/unread-count",
    "GET /operations",
    "GET /payouts", "POST /payouts",
    "POST /pin/change", "POST /pin/reset", "POST /pin/reset/request", "POST /pin/set",
    "POST /pin/verify",
    "GET /transactions/history", "GET /transactions/statement",
    "POST /transactions/send", "POST /transactions/topup", "POST /transactions/withdraw",
    "GET /wallets/balance", "POST /wallets/create", "POST /wallets/freeze",
    "POST /wallets/unfreeze", "GET /wallets/me", "DELETE /wallets/me",
    "GET /webhooks", "POST /webhooks",
    "POST /fx/quotes", "GET /fx/rates",
}
# Routes naming a resource of one user: 404 for anybody else, except the roles listed.
OWNED = {
    "GET /disputes/{dispute_id}": None,
    "DELETE /ip-trust/{ip_id}": None,
    "POST /notifications/{notification_id}/read": None,
    "GET /operations/{operation_id}": "moderator",  # the contract: owner or moderator+
    "GET /payouts/{payout_id}": None,
    "GET /payouts/{payout_id}/items": None,
    "GET /transactions/reference/{reference_id}": None,
    "GET /transactions/{transaction_id}": None,
    "DELETE /webhooks/{webhook_id}": None,
    # A hold's payer and payee see it; the payee captures; a moderator may void (API.md 14).
    "GET /holds/{hold_id}": None,
    "POST /holds/{hold_id}/capture": None,
    "POST /holds/{hold_id}/void": "moderator",
}
# The documented exception: anyone may look a wallet up to pay it.
PUBLIC_LOOKUP = {"GET /wallets/{wallet_id}"}
ADMIN = {route.replace("<", "{").replace(">", "}"): role
         for route, role in ADMIN_MINIMUM_ROLE.items()}


def rank(role: str) -> int:
    return ROLES.index(role)


@pytest.fixture(scope="module")
def stack(app, database_url, worker):
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as conn:
        api = Api(app.test_client(), conn)
        yield api, build_victim(api, conn)


def build_victim(api, db) -> dict:
    """A user owning one of every kind of resource; returns ids by path parameter."""
    victim = api.wallet(api.user(full_name="Zorawar Quixote"), kyc=False)
    submission_id = kyc.submitted(api, victim)
    db.execute("UPDATE wallets SET kyc_verified = true, kyc_tier = 1 WHERE id = %s",
               (victim.wallet_id,))
    payee = api.wallet()
    topup = api.topup(victim, "8000.00", wait=10)
    sent = api.send(victim, payee, "684.58", wait=10).json["data"]
    returned = api.send(payee, victim, "1.00", wait=10).json["data"]
    assert {topup["status"], sent["status"], returned["status"]} == {"completed"}
    payout = api.post("/payouts", victim, json={
        "items": [{"recipient_wallet_id": payee.wallet_id, "amount": "2.00"}], "pin": PIN},
        headers={"Idempotency-Key": "victim-payout"}).json["data"]
    eventually(lambda: api.get(f"/payouts/{payout['payout_id']}", victim).json["data"]["finished_at"], 30)
    debit = next(row for row in api.get("/transactions/history", victim).json["data"]["items"]
                 if row["type"] == "debit")
    dispute = api.post("/disputes", victim, json={
        "transaction_id": debit["transaction_id"], "reason": "I did not make this payment"})
    webhook = api.post("/webhooks", victim, json={"url": "http://127.0.0.1:9/hook",
                                                  "events": ["operation.completed"]})
    held = api.post("/holds", victim, headers={"Idempotency-Key": "victim-hold", "Prefer": "wait=10"},
                    json={"payee_wallet_id": payee.wallet_id, "amount": "25.00", "pin": PIN})
    assert held.status_code == 201, held.json
    run = api.post("/admin/reconciliation", api.user("super_admin"))
    assert dispute.status_code == 201 and webhook.status_code == 201, (dispute.json, webhook.json)
    assert run.status_code == 202, run.json
    notification = api.get("/notifications", victim).json["data"]["items"][0]
    ip = api.get("/ip-trust", victim).json["data"]["items"][0]
    return {
        "caller": victim,
        "balance": api.balance(victim),
        "ids": {
            "wallet_id": victim.wallet_id, "user_id": victim.user_id,
            "operation_id": sent["operation_id"], "transaction_id": debit["transaction_id"],
            "payout_id": payout["payout_id"],
            "reference_id": debit["reference_id"], "dispute_id": dispute.json["data"]["dispute_id"],
            "notification_id": notification["notification_id"],
            "webhook_id": webhook.json["data"]["webhook_id"], "ip_id": ip["ip_id"],
            "submission_id": submission_id, "run_id": run.json["data"]["run_id"],
            "action": "send_money", "key": "limits.tier1.send_money",
            # A currency pair belongs to nobody; the admin rate route still needs one.
            "base": "USD", "quote": "INR",
            "hold_id": held.json["data"]["result"]["hold_id"],
        },
    }


def attacker(api, role: str):
    """A fresh user of `role` with a verified wallet and a PIN, so that every check
    past "who are you" really runs."""
    return api.wallet(api.user(role))


def bodies(victim: dict) -> dict[str, dict]:
    """Bodies that name the victim's resources (other routes get {})."""
    return {"POST /disputes": {"transaction_id": victim["ids"]["transaction_id"],
                               "reason": "Not mine, but let me try"}}


def victim_markers(victim: dict) -> list[str]:
    caller = victim["caller"]
    return [caller.email, "Zorawar", "Quixote", caller.user_id, victim["balance"]]


def leaked(response, victim: dict) -> list[str]:
    text = response.get_data(as_text=True)
    return [marker for marker in victim_markers(victim) if marker in text]


# --- the tables cover the document exactly -----------------------------------------------------
def documented_routes(app) -> list[str]:
    return routes.api_routes(app.test_client())


def classified() -> set[str]:
    return PUBLIC | SELF | set(OWNED) | PUBLIC_LOOKUP | set(ADMIN)


def test_every_documented_route_is_classified(app):
    missing = sorted(set(documented_routes(app)) - classified())
    assert not missing, f"classify these routes in tests/test_security_authz.py: {missing}"


def test_every_classified_route_is_documented(app):
    gone = sorted(classified() - set(documented_routes(app)))
    assert not gone, f"routes classified here that the OpenAPI document lacks: {gone}"


def test_no_route_is_classified_twice():
    groups = [PUBLIC, SELF, set(OWNED), PUBLIC_LOOKUP, set(ADMIN)]
    assert sum(len(group) for group in groups) == len(classified())


def test_every_path_parameter_gets_a_victim_id(app, stack):
    _, victim = stack
    names = {name for route in documented_routes(app) for name in routes.parameters(route)}
    assert names <= set(victim["ids"]), sorted(names - set(victim["ids"]))


# --- the walk ------------------------------------------------------------------------------------
ROUTES = sorted(classified())
# Public routes take no token, so they are walked once rather than once per role.
CASES = [(route, role) for route in ROUTES for role in ROLES
         if route not in PUBLIC or role == "user"]


@pytest.mark.parametrize("route, role", CASES)
def test_a_route_called_with_another_users_ids(stack, route, role):
    api, victim = stack
    if route in PUBLIC:
        response = routes.call(api.client, route, values=victim["ids"])
        assert response.status_code < 500, response.json
        assert not leaked(response, victim)
        return
    caller = attacker(api, role)
    # A well-formed request (an Idempotency-Key where one is needed), so that the call
    # gets as far as the object it names.
    response = routes.call(api.client, route, {**caller.headers, "Idempotency-Key": "authz-walk"},
                           victim["ids"], bodies(victim).get(route))
    status, body = response.status_code, response.get_json()
    assert status < 500, (status, body)
    if route in ADMIN:
        if rank(role) < rank(ADMIN[route]):
            assert status == 403 and body["error_code"] == "INSUFFICIENT_PERMISSIONS", body
            assert not leaked(response, victim)
        else:
            assert status not in (401, 403), body
        return
    if route in OWNED and OWNED[route] and rank(role) >= rank(OWNED[route]):
        assert status not in (401, 403), body
        return
    if route in PUBLIC_LOOKUP:
        assert status == 200, body
        data = body["data"]
        assert "balance" not in data and "available_balance" not in data
        assert data["owner_name"] != "Zorawar Quixote"
        assert not leaked(response, victim)
        return
    if route in OWNED or route == "POST /disputes":
        assert status == 404, body  # a foreign id is not found, never forbidden
    assert not leaked(response, victim), leaked(response, victim)


def test_attempts_on_another_users_resources_change_nothing(stack, db):
    api, victim = stack
    ids, caller = victim["ids"], attacker(api, "user")
    for route in sorted(OWNED):
        routes.call(api.client, route, caller.headers, ids)
    owner = victim["caller"]
    assert api.get(f"/disputes/{ids['dispute_id']}", owner).status_code == 200
    assert any(w["webhook_id"] == ids["webhook_id"]
               for w in api.get("/webhooks", owner).json["data"]["items"])
    assert any(ip["ip_id"] == ids["ip_id"]
               for ip in api.get("/ip-trust", owner).json["data"]["items"])
    assert db.execute("SELECT is_read FROM notifications WHERE id = %s",
                      (ids["notification_id"],)).fetchone()[0] is False
    assert api.balance(owner) == victim["balance"]
