"""Every admin route, walked from the app's URL map, with every role and with no token.

The minimum role of each route is written down below (the contract's section 12). A
route that appears under /api/v1/admin without an entry here fails the suite, so no
admin route can ship unclassified; an entry whose route is gone fails too.

Path parameters get ids that exist nowhere: a handler that lets the caller in may
answer 404 or 422, which is all this test needs to tell "in" from "refused".
"""
from __future__ import annotations

import re

import psycopg
import pytest

from tests.support.api import PREFIX, Api
from tests.support.routes import NOWHERE

MODERATOR, ADMIN, SUPER_ADMIN = "moderator", "admin", "super_admin"
ROLES = ("user", MODERATOR, ADMIN, SUPER_ADMIN)

MINIMUM_ROLE = {
    # moderator and above: wallets, ledger rows, KYC, operations, disputes
    "GET /admin/wallets": MODERATOR,
    "GET /admin/wallets/<wallet_id>": MODERATOR,
    "GET /admin/wallets/<wallet_id>/balance": MODERATOR,
    "POST /admin/wallets/<wallet_id>/freeze": MODERATOR,
    "POST /admin/wallets/<wallet_id>/unfreeze": MODERATOR,
    "GET /admin/transactions": MODERATOR,
    "GET /admin/kyc": MODERATOR,
    "GET /admin/kyc/<submission_id>": MODERATOR,
    "POST /admin/kyc/<submission_id>/approve": MODERATOR,
    "POST /admin/kyc/<submission_id>/reject": MODERATOR,
    "GET /admin/operations": MODERATOR,
    "GET /admin/disputes": MODERATOR,
    "GET /admin/disputes/<dispute_id>": MODERATOR,
    "POST /admin/disputes/<dispute_id>/resolve": MODERATOR,
    # admin and above: audit trail, limits, users, reconciliation
    "GET /admin/audit-logs": ADMIN,
    "GET /admin/audit-logs/verify": ADMIN,
    "GET /admin/limits": ADMIN,
    "POST /admin/limits/<wallet_id>": ADMIN,
    "DELETE /admin/limits/<wallet_id>/<action>": ADMIN,
    "GET /admin/users": ADMIN,
    "POST /admin/users/<user_id>/deactivate": ADMIN,
    "POST /admin/users/<user_id>/reactivate": ADMIN,
    "GET /admin/reconciliation": ADMIN,
    "POST /admin/reconciliation": ADMIN,
    "GET /admin/reconciliation/<run_id>": ADMIN,
    # admin and above: exchange rates (API.md section 17)
    "PUT /admin/fx/rates/<base>/<quote>": ADMIN,
    # super admin only: settings, statistics, roles
    "GET /admin/settings": SUPER_ADMIN,
    "PATCH /admin/settings/<key>": SUPER_ADMIN,
    "GET /admin/stats": SUPER_ADMIN,
    "POST /admin/users/<user_id>/role": SUPER_ADMIN,
}

PLACEHOLDERS = {"wallet_id": "VPY-000000", "action": "send_money", "key": "no.such.setting"}
_PARAMETER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def admin_routes() -> list[str]:
    """"METHOD /admin/..." for every admin rule of a freshly built app."""
    from web.app import create_app

    found = []
    for rule in create_app().url_map.iter_rules():
        if rule.rule.startswith(PREFIX + "/admin"):
            found += [f"{method} {rule.rule.removeprefix(PREFIX)}"
                      for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(found)


ROUTES = admin_routes()


def concrete(path: str) -> str:
    return _PARAMETER.sub(lambda match: PLACEHOLDERS.get(match.group(1), NOWHERE), path)


@pytest.fixture(scope="module")
def callers(app, database_url):
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as conn:
        api = Api(app.test_client(), conn)
        yield api, {role: api.user(role) for role in ROLES}


def call(api, route: str, caller=None):
    method, path = route.split(" ", 1)
    body = {} if method in ("POST", "PUT", "PATCH", "DELETE") else None
    return api.call(method, concrete(path), caller, json=body)


def test_every_admin_route_has_a_minimum_role():
    unclassified = sorted(set(ROUTES) - set(MINIMUM_ROLE))
    assert not unclassified, f"add these admin routes to MINIMUM_ROLE: {unclassified}"


def test_every_classified_admin_route_exists():
    missing = sorted(set(MINIMUM_ROLE) - set(ROUTES))
    assert not missing, f"routes in MINIMUM_ROLE that the app does not serve: {missing}"


@pytest.mark.parametrize("route", ROUTES)
def test_an_admin_route_refuses_a_missing_token(callers, route):
    api, _ = callers
    response = call(api, route)
    assert response.status_code == 401 and response.json["error_code"] == "TOKEN_MISSING"


@pytest.mark.parametrize("route", ROUTES)
def test_an_admin_route_admits_exactly_its_minimum_role_and_above(callers, route):
    if route not in MINIMUM_ROLE:
        pytest.fail(f"{route} has no entry in MINIMUM_ROLE")
    api, by_role = callers
    minimum = ROLES.index(MINIMUM_ROLE[route])
    outcomes = {role: call(api, route, by_role[role]) for role in ROLES}
    for role, response in outcomes.items():
        if ROLES.index(role) < minimum:
            assert response.status_code == 403, (role, response.json)
            assert response.json["error_code"] == "INSUFFICIENT_PERMISSIONS"
        else:
            assert response.status_code not in (401, 403), (role, response.json)
            assert response.status_code < 500, (role, response.json)
