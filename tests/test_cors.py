"""Cross-origin access (API.md section 13): an allow-list, empty by default; preflights
answered for the listed origins; credentials never allowed."""
from __future__ import annotations

import pytest

import settings as settings_module

APP_ORIGIN = "https://app.example.com"
OTHER_ORIGIN = "https://evil.example.net"


@pytest.fixture(scope="module")
def allowing(database_url):
    from web.app import create_app

    return create_app(test_config={"cors_origins": (APP_ORIGIN,)}).test_client()


@pytest.fixture(scope="module")
def wildcard(database_url):
    from web.app import create_app

    return create_app(test_config={"cors_origins": ("*",)}).test_client()


def preflight(client, origin: str, path: str = "/api/v1/wallets/me", method: str = "GET"):
    return client.options(path, headers={
        "Origin": origin, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization, idempotency-key, content-type"})


def cors_headers(response) -> dict:
    return {k.lower(): v for k, v in response.headers.items()
            if k.lower().startswith("access-control-")}


def test_by_default_no_origin_gets_cross_origin_access(client):
    assert cors_headers(preflight(client, APP_ORIGIN)) == {}
    response = client.get("/api/v1/auth/me", headers={"Origin": APP_ORIGIN})
    assert response.status_code == 401 and cors_headers(response) == {}


def test_a_listed_origin_gets_its_preflight_answered(allowing):
    response = preflight(allowing, APP_ORIGIN, "/api/v1/transactions/send", "POST")
    assert response.status_code == 200
    headers = cors_headers(response)
    assert headers["access-control-allow-origin"] == APP_ORIGIN
    assert "POST" in headers["access-control-allow-methods"]
    allowed = {h.strip().lower() for h in headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "idempotency-key", "content-type"} <= allowed
    assert "access-control-allow-credentials" not in headers


def test_a_listed_origin_can_read_errors_and_their_request_id(allowing):
    response = allowing.get("/api/v1/auth/me", headers={"Origin": APP_ORIGIN})
    assert response.status_code == 401 and response.json["error_code"] == "TOKEN_MISSING"
    headers = cors_headers(response)
    assert headers["access-control-allow-origin"] == APP_ORIGIN
    assert "x-request-id" in headers["access-control-expose-headers"].lower()
    assert "access-control-allow-credentials" not in headers
    assert "Origin" in response.headers["Vary"]  # caches keep the origins' answers apart


def test_an_unlisted_origin_gets_no_cross_origin_access(allowing):
    assert "access-control-allow-origin" not in cors_headers(preflight(allowing, OTHER_ORIGIN))
    response = allowing.get("/api/v1/auth/me", headers={"Origin": OTHER_ORIGIN})
    assert "access-control-allow-origin" not in cors_headers(response)


def test_a_wildcard_never_comes_with_credentials(wildcard):
    response = wildcard.get("/api/v1/auth/me", headers={"Origin": OTHER_ORIGIN,
                                                         "Cookie": "session=abc"})
    headers = cors_headers(response)
    assert headers["access-control-allow-origin"] in ("*", OTHER_ORIGIN)
    assert "access-control-allow-credentials" not in headers
    assert "access-control-allow-credentials" not in cors_headers(preflight(wildcard, OTHER_ORIGIN))


def test_production_refuses_a_wildcard_origin():
    production = settings_module.Settings().with_overrides(env="production")
    production.with_overrides(cors_origins=(APP_ORIGIN,))._validate_cors()
    with pytest.raises(RuntimeError, match="CORS_ORIGINS"):
        production.with_overrides(cors_origins=(APP_ORIGIN, "*"))._validate_cors()


def test_cors_origins_are_read_as_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", f" {APP_ORIGIN}/ , http://localhost:5173 ,")
    assert settings_module.Settings().cors_origins == (APP_ORIGIN, "http://localhost:5173")
    monkeypatch.delenv("CORS_ORIGINS")
    assert settings_module.Settings().cors_origins == ()
