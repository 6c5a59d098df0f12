"""The OpenAPI document (GET /api/v1/openapi.json) is complete enough to build a client
from: valid, every route summarised, typed, secured and with its error codes."""
from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

from web.openapi import known_codes

PUBLIC = {
    ("post", "/api/v1/auth/register"), ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/refresh"), ("post", "/api/v1/ip-trust/confirm"),
    ("get", "/healthz"), ("get", "/readyz"), ("get", "/metrics"),
}
MONEY = ["/api/v1/transactions/topup", "/api/v1/transactions/send",
         "/api/v1/transactions/withdraw"]
# Served by flask-smorest itself, or Flask's static files: not API routes.
NOT_API = {"/static/<path:filename>", "/api/v1/openapi.json", "/docs", "/docs/",
           "/docs/assets/<path:filename>"}
# The operator console: HTML pages for people in a browser (web/console/), not API
# routes; they sign in with a cookie, not the bearer token, and answer in HTML.
CONSOLE_ENDPOINTS = "console."


@pytest.fixture(scope="module")
def spec(app):
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json


def _operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, path, operation


def test_the_console_is_left_out_of_the_document_on_purpose(app, spec):
    console = [rule.rule for rule in app.url_map.iter_rules()
               if rule.endpoint.startswith(CONSOLE_ENDPOINTS)]
    assert console and all(rule.startswith("/console/") for rule in console)
    assert not [path for path in spec["paths"] if path.startswith("/console")]


def test_the_document_is_valid_openapi_3(spec):
    assert spec["openapi"].startswith("3.")
    validate(spec)


def test_every_route_of_the_app_is_documented(app, spec):
    documented = {(method, path) for method, path, _ in _operations(spec)}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.rule in NOT_API or rule.endpoint.startswith(("api-docs", CONSOLE_ENDPOINTS)):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (method.lower(), path) not in documented:
                missing.append(f"{method} {path}")
    assert not missing, f"routes missing from the OpenAPI document: {sorted(missing)}"


def test_every_operation_has_a_summary_an_id_and_a_typed_success(spec):
    ids = []
    for method, path, operation in _operations(spec):
        where = f"{method.upper()} {path}"
        assert operation.get("summary", "").strip(), f"{where} has no summary"
        ids.append(operation.get("operationId"))
        successes = {code: r for code, r in operation["responses"].items() if code.startswith("2")}
        assert successes, f"{where} documents no 2xx response"
        assert any(media.get("schema") for r in successes.values()
                   for media in r.get("content", {}).values()), f"{where}: 2xx without a schema"
    assert None not in ids and len(ids) == len(set(ids)), "operationIds must be unique"


def test_bodies_are_typed_and_every_request_field_has_an_example(spec):
    schemas = spec["components"]["schemas"]
    for method, path, operation in _operations(spec):
        if method in ("post", "patch") and "requestBody" not in operation:
            continue
        body = operation.get("requestBody")
        if body is None:
            continue
        ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        for name, prop in schemas[ref].get("properties", {}).items():
            assert {"example", "enum", "default"} & set(prop), \
                f"{method.upper()} {path}: request field {name!r} has no example"


def test_authenticated_routes_need_the_bearer_token_and_public_ones_do_not(spec):
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    for method, path, operation in _operations(spec):
        security = operation.get("security")
        if (method, path) in PUBLIC:
            assert not security, f"{method.upper()} {path} should be public"
        else:
            assert security == [{"bearerAuth": []}], f"{method.upper()} {path} lacks bearerAuth"
            assert "TOKEN_MISSING" in operation["responses"]["401"]["x-error-codes"]


def test_every_error_response_is_the_envelope_with_its_error_codes(spec):
    known = known_codes()
    for method, path, operation in _operations(spec):
        for status, response in operation["responses"].items():
            if not status.isdigit() or int(status) < 400:
                continue
            where = f"{method.upper()} {path} {status}"
            media = response["content"]["application/json"]
            assert media["schema"] == {"$ref": "#/components/schemas/ErrorEnvelope"}, where
            codes = response["x-error-codes"]
            assert codes, f"{where} names no error_code"
            for code in codes:
                assert known[code][0] == int(status), f"{where}: {code} is a {known[code][0]}"
                assert media["examples"][code]["value"]["error_code"] == code
        assert "503" in operation["responses"], f"{method.upper()} {path}: no 503"
    assert "ErrorEnvelope" in spec["components"]["schemas"]


@pytest.mark.parametrize("path", MONEY)
def test_money_routes_document_idempotency_key_prefer_and_location(spec, path):
    operation = spec["paths"][path]["post"]
    headers = {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}
    assert headers["Idempotency-Key"]["required"] is True
    assert headers["Idempotency-Key"]["schema"]["maxLength"] == 255
    assert headers["Prefer"]["required"] is False
    assert set(operation["responses"]) >= {"200", "201", "202", "400", "422", "429"}
    assert "Location" in operation["responses"]["202"]["headers"]
    assert "IDEMPOTENCY_KEY_REQUIRED" in operation["responses"]["400"]["x-error-codes"]
    assert "Retry-After" in operation["responses"]["429"]["headers"]


def test_amounts_are_documented_as_strings(spec):
    amount = spec["components"]["schemas"]["Topup"]["properties"]["amount"]
    assert amount["type"] == "string" and amount["example"] == "250.00"
