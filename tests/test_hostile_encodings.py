"""Hostile encodings are client errors, never a 500: NaN, Infinity, 1e400, integers past
Python's digit limit, NUL bytes and lone surrogates, deep nesting and duplicate keys, in
bodies, query strings, path parameters and headers of every route the OpenAPI document lists,
as a user, a moderator, an admin and a super admin (tests/support/hostile.py builds the
cases)."""
from __future__ import annotations

import json
import uuid

import psycopg
import pytest

from tests.support import hostile, routes
from tests.support.api import PIN, Api
from tests.support.routes import NOWHERE

ROLES = ("user", "moderator", "admin", "super_admin")


@pytest.fixture(scope="module")
def setting(app, database_url, worker):
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as conn:
        api = Api(app.test_client(), conn)
        target, other = api.wallet(funds="50.00"), api.wallet()
        callers = {"user": target}
        callers.update({role: api.wallet(api.user(role)) for role in ROLES[1:]})
        path_values = {"wallet_id": target.wallet_id, "user_id": target.user_id,
                       "action": "withdraw", "key": "limits.tier0.send_money"}
        overrides = {"recipient_wallet_id": other.wallet_id, "payee_wallet_id": other.wallet_id,
                     "pin": PIN,
                     "url": "http://127.0.0.1:9/hook", "transaction_id": NOWHERE}
        yield api, conn, callers, path_values, overrides


def send(api, caller, case: hostile.Case):
    values = {name: case.path_values.get(name, NOWHERE) for name in routes.parameters(case.route)}
    method, path = case.route.split(" ", 1)
    headers = {**caller.headers, "Idempotency-Key": uuid.uuid4().hex, **case.headers}
    kwargs = {}
    if case.body is not None:
        kwargs = {"data": case.body.encode("utf-8", "surrogatepass"),
                  "content_type": "application/json"}
    elif method in ("POST", "PUT", "PATCH"):
        kwargs = {"json": {}}
    return api.client.open(routes.PREFIX + routes.concrete(path, values), method=method,
                           headers=headers, query_string=case.query, **kwargs)


def is_envelope(response) -> bool:
    try:
        body = json.loads(response.get_data())
    except ValueError:
        return False
    return isinstance(body, dict) and "success" in body and "request_id" in body


@pytest.mark.parametrize("role", ROLES)
def test_no_hostile_encoding_on_any_route_is_a_server_error(setting, role):
    api, _, callers, path_values, overrides = setting
    document = routes.openapi_document(api.client)
    all_cases = hostile.cases(document, path_values, overrides)
    assert len({case.route for case in all_cases}) == len(routes.api_routes(api.client))

    failures = []
    for case in all_cases:
        response = send(api, callers[role], case)
        if response.status_code >= 500 or not is_envelope(response):
            failures.append((case.route, case.what, response.status_code,
                             response.get_data(as_text=True)[:200]))
    assert not failures, f"{len(failures)} of {len(all_cases)}: {failures[:40]}"


def _topup(api, caller, raw_body: str):
    return api.client.post(routes.PREFIX + "/transactions/topup", data=raw_body,
                           content_type="application/json",
                           headers={**caller.headers, "Idempotency-Key": uuid.uuid4().hex})


def _operations(db, caller) -> int:
    return db.execute("SELECT count(*) FROM operations WHERE user_id = %s",
                      (caller.user_id,)).fetchone()[0]


def test_a_repeated_key_is_malformed_json_and_moves_no_money(setting):
    api, db, callers, *_ = setting
    user = callers["user"]
    before = _operations(db, user)
    response = _topup(api, user, '{"amount": "1.00", "payment_method": "upi", "amount": "900.00"}')
    assert response.status_code == 400
    assert response.json["error_code"] == "MALFORMED_JSON"
    assert _operations(db, user) == before


@pytest.mark.parametrize("metadata", ['{"n": NaN}', '{"n": Infinity}', '{"n": 1e400}',
                                      '{"n": ' + hostile.OVER_DIGIT_LIMIT + "}"])
def test_a_number_json_cannot_carry_in_metadata_is_malformed_json(setting, metadata):
    api, db, callers, *_ = setting
    user = callers["user"]
    before = _operations(db, user)
    response = _topup(api, user, '{"amount": "1.00", "payment_method": "upi", '
                                 f'"metadata": {metadata}}}')
    assert response.status_code == 400
    assert response.json["error_code"] == "MALFORMED_JSON"
    assert _operations(db, user) == before


def test_a_lone_surrogate_in_a_name_is_a_validation_error_on_that_field(setting):
    api, *_ = setting
    body = json.dumps({"email": f"s{uuid.uuid4().hex[:10]}@example.com",
                       "password": "correct horse battery", "full_name": "Ravi \ud800"})
    response = api.client.post(routes.PREFIX + "/auth/register", data=body,
                               content_type="application/json")
    assert response.status_code == 422
    assert response.json["error_code"] == "VALIDATION_ERROR"
    assert list(response.json["details"]) == ["full_name"]


def test_a_nul_in_a_path_parameter_or_filter_is_a_validation_error(setting):
    api, _, callers, *_ = setting
    admin = callers["admin"]
    by_reference = api.get("/transactions/reference/VP-TXN-%00", callers["user"])
    by_filter = api.get("/admin/audit-logs?target_id=a%00b", admin)
    assert (by_reference.status_code, by_filter.status_code) == (422, 422)
    assert list(by_reference.json["details"]) == ["reference_id"]
    assert list(by_filter.json["details"]) == ["target_id"]


def test_nesting_past_the_bound_is_malformed_json(setting):
    api, _, callers, *_ = setting
    deep = '{"n": ' * 40 + "1" + "}" * 40
    response = _topup(api, callers["user"], '{"amount": "1.00", "payment_method": "upi", '
                                            f'"metadata": {deep}}}')
    assert response.status_code == 400
    assert response.json["error_code"] == "MALFORMED_JSON"
