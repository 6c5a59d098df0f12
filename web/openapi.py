"""Finishing touches on the OpenAPI document, applied to every operation as it is added.

Views document an error response by listing its codes in the description
(`@blp.alt_response(409, description="WALLET_ALREADY_EXISTS")`). This plugin turns each
such response into what a client generator and Swagger UI need: the `ErrorEnvelope`
schema, the codes as `x-error-codes`, and one example body per code. It also adds what
every operation shares (the token errors on authenticated routes, MALFORMED_JSON on
routes with a body, SERVICE_UNAVAILABLE everywhere) and a stable `operationId`, and
documents the plain Flask routes outside /api/v1 (health, metrics).

It also serves Swagger UI's own files (from the pinned flask-swagger-ui package) under
/docs/assets/, so /docs works offline and loads nothing from another host.
"""
from __future__ import annotations

import re
from pathlib import Path

import flask_swagger_ui
from apispec import BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, send_from_directory

from domain import errors

ERROR_SCHEMA_REF = {"$ref": "#/components/schemas/ErrorEnvelope"}
TOKEN_CODES = ["TOKEN_MISSING", "TOKEN_INVALID", "TOKEN_EXPIRED", "TOKEN_REVOKED"]
_EXAMPLE_REQUEST_ID = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
# Raised by Werkzeug before any view runs (web/envelope.py names them).
_HTTP_ONLY = {"METHOD_NOT_ALLOWED": (405, "The method is not allowed for the requested URL."),
              "PAYLOAD_TOO_LARGE": (413, "The request body is too large.")}
# A response whose description names no code gets these.
_FALLBACK = {400: ["MALFORMED_JSON"], 422: ["VALIDATION_ERROR"], 429: ["RATE_LIMITED"],
             500: ["INTERNAL_ERROR"], 503: ["SERVICE_UNAVAILABLE"]}
_CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")


def known_codes() -> dict[str, tuple[int, str]]:
    """error_code -> (HTTP status, default message), from the domain's error tree."""
    codes: dict[str, tuple[int, str]] = {"INTERNAL_ERROR": (500, errors.VaultPayError.message)}
    pending = list(errors.VaultPayError.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        # Abstract middle classes inherit INTERNAL_ERROR with another status: skip them.
        if cls.error_code != "INTERNAL_ERROR":
            codes.setdefault(cls.error_code, (cls.status, cls.message))
    codes.update(_HTTP_ONLY)
    return codes


def codes_in(text: str, known: dict) -> list[str]:
    return list(dict.fromkeys(code for code in _CODE.findall(text or "") if code in known))


class ErrorResponsesPlugin(BasePlugin):
    def __init__(self):
        self.known = known_codes()

    def init_spec(self, spec) -> None:
        for plugin in spec.plugins:
            if isinstance(plugin, MarshmallowPlugin):
                plugin.converter.add_attribute_function(ecma_pattern)
                plugin.converter.add_attribute_function(nullable_enum)

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            if method.startswith("x-") or not isinstance(operation, dict):
                continue
            operation.setdefault("operationId", operation_id(method, path))
            responses = operation.setdefault("responses", {})
            self._add_shared_errors(operation, responses)
            for status in list(responses):
                if str(status).isdigit() and int(status) >= 400:
                    responses[status] = self._error_response(int(status), responses[status])

    def _add_shared_errors(self, operation: dict, responses: dict) -> None:
        if operation.get("security"):
            _ensure_codes(responses, 401, TOKEN_CODES)
            _ensure_codes(responses, 403, ["ACCOUNT_DISABLED"])
        if "requestBody" in operation:
            _ensure_codes(responses, 400, ["MALFORMED_JSON"])
            _ensure_codes(responses, 422, ["VALIDATION_ERROR"])
        _ensure_codes(responses, 503, ["SERVICE_UNAVAILABLE"],
                      "SERVICE_UNAVAILABLE: PostgreSQL or Redis cannot be reached; retry later")

    def _error_response(self, status: int, response) -> dict:
        response = _as_dict(response)
        codes = codes_in(response.get("description", ""), self.known) or _FALLBACK.get(status, [])
        if not codes:
            return response
        if response.get("description", "").strip() in ("", "Unprocessable Entity"):
            response["description"] = ", ".join(codes)
        response["x-error-codes"] = codes
        response["content"] = {"application/json": {
            "schema": ERROR_SCHEMA_REF,
            "examples": {code: {"summary": code, "value": self._example(code)} for code in codes},
        }}
        if "RATE_LIMITED" in codes:
            response.setdefault("headers", {})["Retry-After"] = {
                "description": "Seconds to wait before trying again (with RATE_LIMITED)",
                "schema": {"type": "integer"}}
        return response

    def _example(self, code: str) -> dict:
        message = self.known[code][1]
        details = {"amount": ["Not a valid amount."]} if code == "VALIDATION_ERROR" else {}
        return {"success": False, "message": message, "error_code": code, "details": details,
                "request_id": _EXAMPLE_REQUEST_ID}


def ecma_pattern(self, field, ret, **kwargs) -> dict:
    """Our validators end patterns with Python's `\\Z` (`$` would let a trailing newline
    through); OpenAPI patterns are ECMA-262, where `$` already means the very end."""
    pattern = ret.get("pattern")
    if isinstance(pattern, str) and pattern.endswith("\\Z"):
        return {"pattern": pattern[:-2] + "$"}
    return {}


def nullable_enum(self, field, ret, **kwargs) -> dict:
    """A nullable field with an enum must list null among its values (OpenAPI 3.0.3),
    or strict clients refuse the null they are sent."""
    enum = ret.get("enum")
    if ret.get("nullable") and isinstance(enum, list) and None not in enum:
        return {"enum": [*enum, None]}
    return {}


def _as_dict(response) -> dict:
    # flask-smorest refers to its own components by name (e.g. "UNPROCESSABLE_ENTITY").
    return dict(response) if isinstance(response, dict) else {"description": ""}


def _find(responses: dict, status: int):
    for key in (status, str(status)):
        if key in responses:
            return key
    return None


def _ensure_codes(responses: dict, status: int, codes: list[str], description: str = "") -> None:
    key = _find(responses, status)
    if key is None:
        responses[status] = {"description": description or ", ".join(codes)}
        return
    response = _as_dict(responses[key])
    text = response.get("description", "")
    if text.strip() in ("", "Unprocessable Entity"):
        text = ""
    missing = [code for code in codes if code not in text]
    if missing:
        response["description"] = ", ".join(filter(None, [text, ", ".join(missing)]))
    responses[key] = response


def operation_id(method: str, path: str) -> str:
    """`POST /api/v1/transactions/topup` -> `post_transactions_topup` (what generated
    clients name their functions)."""
    words = re.sub(r"[{}<>]", "", path.removeprefix("/api/v1")).strip("/")
    return "_".join([method.lower(), *re.split(r"[/\-]+", words)]).replace("__", "_")


# --- routes outside flask-smorest --------------------------------------------------
def _plain(summary: str, description: str, schema: dict, errors_doc: dict | None = None) -> dict:
    responses = {200: {"description": "OK", "content": {"application/json": {"schema": schema}}}}
    responses.update(errors_doc or {})
    return {"summary": summary, "description": description, "tags": ["operations"],
            "security": [], "responses": responses}


_STATUS_SCHEMA = {"type": "object", "properties": {
    "success": {"type": "boolean"}, "message": {"type": "string"},
    "data": {"type": "object", "additionalProperties": {"oneOf": [
        {"type": "boolean"}, {"type": "string"}]}},
    "request_id": {"type": "string"}}}

PLAIN_ROUTES = {
    "/healthz": _plain("Liveness: the API process answers", "Touches nothing else.",
                       _STATUS_SCHEMA),
    "/readyz": _plain(
        "Readiness: PostgreSQL, Redis and the Celery broker are reachable",
        "`data` says which backing service answered; 503 with the same map otherwise.",
        _STATUS_SCHEMA, {503: {"description": "SERVICE_UNAVAILABLE"}}),
    "/metrics": {**_plain("Prometheus metrics (text exposition format)",
                          "Scraped by Prometheus; not part of the JSON API.", {"type": "string"}),
                 "responses": {200: {"description": "Prometheus text format", "content": {
                     "text/plain": {"schema": {"type": "string"}}}}}},
}


def document_plain_routes(spec, app: Flask) -> None:
    """Add the plain Flask routes that exist in `app` (call after registering them)."""
    rules = {rule.rule: rule for rule in app.url_map.iter_rules()}
    for path, operation in PLAIN_ROUTES.items():
        if path in rules:
            spec.path(rule=rules[path], operations={"get": operation})


# --- Swagger UI, served by the service itself ----------------------------------------
SWAGGER_UI_ASSETS = "/docs/assets/"
# The swagger-ui-dist files the package ships (its dist/VERSION names the release).
_SWAGGER_UI_DIST = Path(flask_swagger_ui.__file__).resolve().parent / "dist"
# validatorUrl: Swagger UI would otherwise fetch a badge from a public validator.
SWAGGER_UI_CONFIG = {"validatorUrl": None}


def serve_swagger_ui_assets(app: Flask) -> None:
    """/docs/assets/<file>: swagger-ui-bundle.js and the rest, from the local package."""
    def swagger_ui_asset(filename: str):
        return send_from_directory(_SWAGGER_UI_DIST, filename, max_age=86400)

    app.add_url_rule(SWAGGER_UI_ASSETS + "<path:filename>", view_func=swagger_ui_asset)
