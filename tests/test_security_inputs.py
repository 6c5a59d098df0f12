"""Hostile input: mass assignment through any JSON body (OWASP API3), the JWT attacks
tests/test_auth.py does not already cover, and login brute force in parallel."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import uuid

import jwt
import psycopg
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support import routes
from tests.support.api import PASSWORD, PIN, Api
from tests.support.routes import NOWHERE
from tests.test_auth import b64, error_code, forge, me

# Fields a client must never set through a body, with values an attacker would send.
FORBIDDEN = {
    "balance": "1000000.00", "role": "super_admin", "status": "active", "kyc_verified": True,
    "user_id": "00000000-0000-4000-8000-000000000000", "is_active": True, "kyc_tier": 2,
    "freeze_reason": None,
}
# Where one of them is the very input the route exists for.
DECLARED = {("POST /admin/users/{user_id}/role", "role")}

# Valid bodies for the main routes: the forbidden field rides on an otherwise good request.
VALID = {
    "POST /auth/register": lambda: {"email": f"m{uuid.uuid4().hex[:10]}@example.com",
                                    "password": PASSWORD, "full_name": "Mass Assign"},
    "POST /wallets/create": lambda: {"currency": "INR"},
    "POST /transactions/topup": lambda: {"amount": "10.00", "payment_method": "upi"},
    "POST /transactions/withdraw": lambda: {"amount": "1.00", "bank_account": "123456789",
                                            "ifsc": "SBIN0000001", "pin": PIN},
    "POST /pin/verify": lambda: {"pin": PIN},
    "POST /limits": lambda: {"action": "withdraw", "per_transaction_limit": "100.00",
                             "daily_limit": "200.00", "monthly_limit": "300.00"},
    "PATCH /limits/{action}": lambda: {"daily_limit": "150.00"},
    "POST /webhooks": lambda: {"url": "http://127.0.0.1:9/hook", "events": ["operation.failed"]},
    "POST /admin/wallets/{wallet_id}/freeze": lambda: {"reason": "checking mass assignment"},
    "POST /admin/users/{user_id}/deactivate": lambda: {"reason": "checking mass assignment"},
    "POST /admin/limits/{wallet_id}": lambda: {
        "action": "topup", "per_transaction_limit": "100.00", "daily_limit": "200.00",
        "monthly_limit": "300.00", "reason": "checking"},
}


def body_fields(document: dict) -> dict[str, set[str]]:
    """The declared body fields of every route that takes a JSON body."""
    schemas, found = document["components"]["schemas"], {}
    for path, item in document["paths"].items():
        for method in ("post", "put", "patch"):
            body = item.get(method, {}).get("requestBody")
            if not body:
                continue
            schema = body["content"]["application/json"]["schema"]
            if "$ref" in schema:
                schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
            route = f"{method.upper()} {path.removeprefix(routes.PREFIX)}"
            found[route] = set(schema.get("properties", {}))
    return found


@pytest.fixture(scope="module")
def setting(app, database_url, worker):
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as conn:
        api = Api(app.test_client(), conn)
        target = api.wallet(funds="50.00")
        admin = api.user("super_admin")
        yield api, conn, target, admin, body_fields(routes.openapi_document(api.client))


def snapshot(db, target) -> tuple:
    return db.execute(
        "SELECT u.role, u.is_active, w.user_id, w.balance, w.status, w.freeze_reason,"
        " w.kyc_verified, w.kyc_tier,"
        " (SELECT count(*) FROM operations o WHERE o.user_id = u.id),"
        " (SELECT count(*) FROM transaction_limits l WHERE l.wallet_id = w.id),"
        " (SELECT count(*) FROM webhook_endpoints e WHERE e.user_id = u.id),"
        " (SELECT count(*) FROM users)"
        " FROM users u JOIN wallets w ON w.user_id = u.id WHERE u.id = %s",
        (target.user_id,)).fetchone()


def test_only_the_role_route_declares_a_forbidden_field(setting):
    *_, fields = setting
    declared = {(route, name) for route, names in fields.items() for name in names & set(FORBIDDEN)}
    assert declared == DECLARED


def _cases():
    from web.app import create_app

    fields = body_fields(routes.openapi_document(create_app().test_client()))
    return [(route, name) for route in sorted(fields) for name in FORBIDDEN
            if (route, name) not in DECLARED]


@pytest.mark.parametrize("route, field", _cases())
def test_a_forbidden_field_in_a_body_is_rejected_and_changes_nothing(setting, route, field):
    api, db, target, admin, _ = setting
    caller = admin if route.split(" ", 1)[1].startswith("/admin") else target
    values = {name: NOWHERE for name in routes.parameters(route)}
    values.update({"wallet_id": target.wallet_id, "user_id": target.user_id,
                   "action": "withdraw", "key": "limits.tier1.topup"})
    body = {**VALID.get(route, dict)(), field: FORBIDDEN[field]}
    headers = {**(caller.headers if route.split(" ", 1)[1] not in PUBLIC_PATHS else {}),
               "Idempotency-Key": uuid.uuid4().hex}
    before = snapshot(db, target)
    response = routes.call(api.client, route, headers, values, body)
    assert response.status_code == 422, (route, field, response.json)
    assert response.json["error_code"] == "VALIDATION_ERROR"
    assert field in response.json["details"], response.json["details"]
    assert snapshot(db, target) == before


PUBLIC_PATHS = {"/auth/register", "/auth/login", "/auth/refresh", "/ip-trust/confirm"}


def test_a_body_sent_to_a_route_without_one_sets_nothing(setting):
    api, db, target, _, fields = setting
    before = snapshot(db, target)
    for route in ("POST /notifications/read-all", "POST /pin/reset/request", "POST /wallets/freeze",
                  "POST /wallets/unfreeze"):
        assert route not in fields
        response = routes.call(api.client, route, target.headers, body=dict(FORBIDDEN))
        assert response.status_code < 300, (route, response.json)
    after = snapshot(db, target)
    # The calls themselves froze and unfroze the wallet; nothing else moved.
    assert after == before


# --- JWT attacks beyond tests/test_auth.py ----------------------------------------------------
def _rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _sign_hs256(header: dict, claims: dict, key: bytes) -> str:
    signing_input = f"{b64(header)}.{b64(claims)}"
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


def _claims(app, caller) -> dict:
    token = forge(app, caller)
    return jwt.decode(token, options={"verify_signature": False})


def rs256_with_a_generated_key(app, caller):
    return jwt.encode(_claims(app, caller), _rsa_key(), algorithm="RS256")


def hs256_keyed_with_a_public_key_pem(app, caller):
    # The classic confusion: a verifier that picks the algorithm from the header would
    # check this HMAC with the public key as the secret.
    public_pem = _rsa_key().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return _sign_hs256({"alg": "HS256", "typ": "JWT"}, _claims(app, caller), public_pem)


def embedded_jwk(app, caller):
    key = _rsa_key()
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return jwt.encode(_claims(app, caller), key, algorithm="RS256", headers={"jwk": jwk})


def alg_none_spelled(spelling: str):
    def make(app, caller):
        _, payload, _ = forge(app, caller).split(".")
        return f"{b64({'alg': spelling, 'typ': 'JWT'})}.{payload}."
    return make


def empty_key_with_a_path_kid(app, caller):
    return _sign_hs256({"alg": "HS256", "typ": "JWT", "kid": "../../../../dev/null"},
                       _claims(app, caller), b"")


@pytest.mark.parametrize("make_token", [
    rs256_with_a_generated_key, hs256_keyed_with_a_public_key_pem, embedded_jwk,
    alg_none_spelled("None"), alg_none_spelled("NONE"), alg_none_spelled("nOnE"),
    empty_key_with_a_path_kid,
], ids=lambda f: f.__name__)
def test_a_forged_token_is_refused(api, app, make_token):
    response = me(api, make_token(app, api.user()))
    assert response.status_code == 401 and error_code(response) == "TOKEN_INVALID"


def test_a_revoked_jti_is_refused_even_without_a_session_family(api, app):
    from db.redis import client
    from web.auth import revocation

    caller = api.user()
    token = forge(app, caller)  # an external issuer's token: no refresh family
    assert me(api, token).status_code == 200
    claims = jwt.decode(token, options={"verify_signature": False})
    revocation.revoke_jti(client(app.config["SETTINGS"].redis_url), claims["jti"], 300)
    response = me(api, token)
    assert response.status_code == 401 and error_code(response) == "TOKEN_REVOKED"


def test_a_role_claim_in_the_token_grants_nothing(api, app):
    caller = api.user()
    token = forge(app, caller, role="super_admin")  # validly signed, but the user is a user
    response = api.get("/admin/stats", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403 and error_code(response) == "INSUFFICIENT_PERMISSIONS"


# --- login brute force, in parallel ----------------------------------------------------------
def test_parallel_password_guesses_are_counted_one_by_one(api, database_url):
    from web.app import create_app

    throttled = create_app(test_config={"login_rate_per_email": 3, "login_rate_per_ip": 1000})
    email = f"brute-{uuid.uuid4().hex[:10]}@example.com"  # registered, never logged in
    assert api.post("/auth/register", json={"email": email, "password": PASSWORD,
                                            "full_name": "Brute Target"}).status_code == 201
    start, codes, guard = threading.Barrier(30), [], threading.Lock()

    def guess(n):
        client = throttled.test_client()
        start.wait()
        response = client.post("/api/v1/auth/login",
                               json={"email": email, "password": f"wrong guess {n}"},
                               environ_base={"REMOTE_ADDR": f"10.9.{n}.1"})
        with guard:
            codes.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(codes) == [401] * 3 + [429] * 27
