"""Identity through the API: register, log in, refresh, log out, me, and every way a
bearer token is refused (the contract's section 2)."""
from __future__ import annotations

import base64
import json
import threading
import uuid
from datetime import datetime, timedelta, timezone

import jwt
import pytest

from tests.support.api import PASSWORD


def new_email() -> str:
    return f"id-{uuid.uuid4().hex[:12]}@example.com"


def register(api, email=None, password=PASSWORD, full_name="Asha Verma"):
    return api.post("/auth/register", json={
        "email": email or new_email(), "password": password, "full_name": full_name})


def me(api, token: str):
    return api.get("/auth/me", headers={"Authorization": f"Bearer {token}"})


def refresh(api, refresh_token: str):
    return api.post("/auth/refresh", json={"refresh_token": refresh_token})


def error_code(response) -> str:
    return response.json["error_code"]


def run_together(count: int, call) -> list:
    """Run `call()` in `count` threads released at the same instant."""
    barrier, results = threading.Barrier(count), [None] * count

    def worker(index):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def forge(app, caller, *, key=None, algorithm="HS256", **changes) -> str:
    """A token for `caller` with claims changed (None removes one), signed as asked."""
    settings = app.config["SETTINGS"]
    now = datetime.now(timezone.utc)
    claims = {"sub": caller.user_id, "email": caller.email, "role": "user",
              "jti": uuid.uuid4().hex, "iat": now, "exp": now + timedelta(minutes=5),
              "iss": settings.jwt_issuer, "aud": settings.jwt_audience, "typ": "access"}
    claims.update(changes)
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode(claims, key or settings.jwt_secret_key, algorithm=algorithm)


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def unsigned(app, caller) -> str:
    _, payload, _ = forge(app, caller).split(".")
    return f"{b64({'alg': 'none', 'typ': 'JWT'})}.{payload}."


def tampered(app, caller) -> str:
    header, payload, signature = forge(app, caller).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    return f"{header}.{b64({**claims, 'role': 'super_admin'})}.{signature}"


# --- register --------------------------------------------------------------------------
def test_registering_returns_the_new_account_as_a_plain_user(api):
    email = new_email()
    response = register(api, email=email, full_name="  Asha Verma ")
    assert response.status_code == 201
    user = response.json["data"]
    assert set(user) == {"user_id", "email", "full_name", "role", "is_active", "created_at"}
    assert user["email"] == email and user["full_name"] == "Asha Verma"
    assert user["role"] == "user" and user["is_active"] is True
    assert uuid.UUID(user["user_id"]) and user["created_at"]
    assert PASSWORD not in response.get_data(as_text=True)


def test_the_email_is_stored_lower_case_so_case_cannot_make_a_second_account(api):
    email = new_email()
    assert register(api, email=f"  {email.upper()} ").json["data"]["email"] == email
    again = register(api, email=email)
    assert again.status_code == 409 and error_code(again) == "EMAIL_ALREADY_REGISTERED"


def test_concurrent_registrations_of_one_email_create_exactly_one_account(api, app, db):
    email = new_email()
    body = {"email": email, "password": PASSWORD, "full_name": "Race"}
    results = run_together(5, lambda: app.test_client().post("/api/v1/auth/register", json=body))
    assert sorted(r.status_code for r in results) == [201, 409, 409, 409, 409]
    assert db.execute("SELECT count(*) FROM users WHERE email = %s", (email,)).fetchone()[0] == 1


@pytest.mark.parametrize("changes, bad_field", [
    ({"password": "nine char"}, "password"),
    ({"password": "é" * 37}, "password"),  # 37 characters but 74 bytes: past bcrypt's limit
    ({"email": "not-an-email"}, "email"),
    ({"email": None}, "email"),
    ({"full_name": "   "}, "full_name"),
    ({"full_name": "x" * 101}, "full_name"),
    ({"role": "super_admin"}, "role"),
    ({"is_active": False}, "is_active"),
])
def test_registration_refuses_an_invalid_body_field_by_field(api, changes, bad_field):
    body = {"email": new_email(), "password": PASSWORD, "full_name": "Asha", **changes}
    response = api.post("/auth/register", json=body)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    assert bad_field in response.json["details"]
    assert PASSWORD not in response.get_data(as_text=True)


def test_registration_refuses_malformed_json(api):
    response = api.post("/auth/register", data="{nope", content_type="application/json")
    assert response.status_code == 400 and error_code(response) == "MALFORMED_JSON"


# --- login ---------------------------------------------------------------------------
def test_login_returns_a_bearer_pair_whose_access_token_works(api):
    email = new_email()
    user_id = register(api, email=email).json["data"]["user_id"]
    response = api.post("/auth/login", json={"email": email.upper(), "password": PASSWORD})
    assert response.status_code == 200
    pair = response.json["data"]
    assert pair["token_type"] == "bearer" and pair["expires_in"] == 15 * 60
    assert me(api, pair["access_token"]).json["data"]["user_id"] == user_id
    assert refresh(api, pair["refresh_token"]).status_code == 200


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(api):
    email = new_email()
    register(api, email=email)
    wrong_password = api.post("/auth/login", json={"email": email, "password": "wrong password"})
    unknown_email = api.post("/auth/login", json={"email": new_email(), "password": PASSWORD})
    for response in (wrong_password, unknown_email):
        assert response.status_code == 401 and error_code(response) == "INVALID_CREDENTIALS"
    strip = lambda body: {k: v for k, v in body.items() if k != "request_id"}  # noqa: E731
    assert strip(wrong_password.json) == strip(unknown_email.json)


def test_a_deactivated_account_cannot_log_in_but_a_wrong_password_reveals_nothing(api, db):
    caller = api.user()
    db.execute("UPDATE users SET is_active = false WHERE id = %s", (caller.user_id,))
    right = api.post("/auth/login", json={"email": caller.email, "password": PASSWORD})
    assert right.status_code == 403 and error_code(right) == "ACCOUNT_DISABLED"
    wrong = api.post("/auth/login", json={"email": caller.email, "password": "wrong password"})
    assert wrong.status_code == 401 and error_code(wrong) == "INVALID_CREDENTIALS"


def test_login_with_a_password_past_bcrypts_limit_is_a_validation_error(api):
    response = api.post("/auth/login", json={"email": new_email(), "password": "x" * 73})
    assert response.status_code == 422 and "password" in response.json["details"]


@pytest.fixture()
def throttled_app(database_url):
    from web.app import create_app

    return create_app(test_config={"login_rate_per_email": 3, "login_rate_per_ip": 5})


def random_ip() -> str:
    return "10.{}.{}.{}".format(*uuid.uuid4().bytes[:3])


def test_login_is_rate_limited_per_email_whatever_the_ip(api, throttled_app):
    email = new_email()
    register(api, email=email)
    client = throttled_app.test_client()

    def attempt(password):
        return client.post("/api/v1/auth/login", json={"email": email, "password": password},
                           environ_base={"REMOTE_ADDR": random_ip()})

    assert [attempt("wrong password").status_code for _ in range(3)] == [401, 401, 401]
    limited = attempt(PASSWORD)
    assert limited.status_code == 429 and error_code(limited) == "RATE_LIMITED"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert limited.json["details"]["retry_after"] == int(limited.headers["Retry-After"])
    assert email not in limited.get_data(as_text=True)


def test_login_is_rate_limited_per_ip_whatever_the_email(api, throttled_app):
    client, ip = throttled_app.test_client(), random_ip()

    def attempt():
        return client.post("/api/v1/auth/login", json={"email": new_email(), "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": ip})

    assert [attempt().status_code for _ in range(5)] == [401] * 5
    limited = attempt()
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    caller = api.user()
    other_ip = client.post("/api/v1/auth/login", json={"email": caller.email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": random_ip()})
    assert other_ip.status_code == 200


def test_the_rate_limiter_counts_each_subject_apart_within_its_window(app):
    from db import ratelimit
    from db.redis import client
    from domain.errors import RateLimited

    r, action = client(app.config["SETTINGS"].redis_url), f"test-{uuid.uuid4().hex[:8]}"
    assert [ratelimit.hit(r, action, "alice", 2, 30) for _ in range(2)] == [1, 2]
    with pytest.raises(RateLimited) as limited:
        ratelimit.hit(r, action, "alice", 2, 30)
    assert 1 <= limited.value.retry_after <= 30
    assert ratelimit.hit(r, action, "bob", 2, 30) == 1
    assert 1 <= r.ttl(f"vp:rate:{action}:alice") <= 30


# --- refresh -------------------------------------------------------------------------
def test_refresh_rotates_to_a_new_working_pair(api):
    caller = api.user()
    response = refresh(api, caller.refresh_token)
    assert response.status_code == 200
    pair = response.json["data"]
    assert pair["refresh_token"] != caller.refresh_token and pair["token_type"] == "bearer"
    assert me(api, pair["access_token"]).status_code == 200
    assert refresh(api, pair["refresh_token"]).status_code == 200


def test_reusing_a_rotated_refresh_token_revokes_the_whole_session(api):
    caller = api.user()
    rotated = refresh(api, caller.refresh_token).json["data"]
    other_session = api.login(caller.email, caller.user_id)

    reuse = refresh(api, caller.refresh_token)
    assert reuse.status_code == 401 and error_code(reuse) == "TOKEN_REVOKED"
    assert error_code(refresh(api, rotated["refresh_token"])) == "TOKEN_REVOKED"
    for access_token in (caller.access_token, rotated["access_token"]):
        assert error_code(me(api, access_token)) == "TOKEN_REVOKED"
    assert me(api, other_session.access_token).status_code == 200
    assert refresh(api, other_session.refresh_token).status_code == 200


def test_concurrent_refreshes_of_one_token_yield_at_most_one_new_pair(api, app):
    caller = api.user()
    results = run_together(4, lambda: app.test_client().post(
        "/api/v1/auth/refresh", json={"refresh_token": caller.refresh_token}))
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 401, 401, 401]
    assert {error_code(r) for r in results if r.status_code == 401} == {"TOKEN_REVOKED"}


def test_refresh_refuses_an_access_token_garbage_and_an_unrecorded_token(api, app):
    caller = api.user()
    assert error_code(refresh(api, caller.access_token)) == "TOKEN_INVALID"
    assert error_code(refresh(api, "not.a.jwt")) == "TOKEN_INVALID"
    unrecorded = forge(app, caller, typ="refresh")
    response = refresh(api, unrecorded)
    assert response.status_code == 401 and error_code(response) == "TOKEN_INVALID"


def test_an_expired_refresh_token_is_reported_as_expired(api, app):
    caller = api.user()
    expired = forge(app, caller, typ="refresh", exp=datetime.now(timezone.utc) - timedelta(minutes=1))
    assert error_code(refresh(api, expired)) == "TOKEN_EXPIRED"


def test_a_deactivated_user_cannot_refresh(api, db):
    caller = api.user()
    db.execute("UPDATE users SET is_active = false WHERE id = %s", (caller.user_id,))
    response = refresh(api, caller.refresh_token)
    assert response.status_code == 403 and error_code(response) == "ACCOUNT_DISABLED"


def test_refresh_refuses_unknown_fields(api):
    caller = api.user()
    response = api.post("/auth/refresh", json={"refresh_token": caller.refresh_token, "x": 1})
    assert response.status_code == 422 and "x" in response.json["details"]


# --- logout and me -------------------------------------------------------------------
def test_logout_revokes_the_access_token_and_its_refresh_token_at_once(api):
    caller = api.user()
    other_session = api.login(caller.email, caller.user_id)
    response = api.post("/auth/logout", caller)
    assert response.status_code == 200 and response.json["success"] is True
    assert error_code(me(api, caller.access_token)) == "TOKEN_REVOKED"
    assert error_code(refresh(api, caller.refresh_token)) == "TOKEN_REVOKED"
    assert me(api, other_session.access_token).status_code == 200


def test_logout_needs_a_token(api):
    response = api.post("/auth/logout")
    assert response.status_code == 401 and error_code(response) == "TOKEN_MISSING"


def test_me_describes_the_caller_and_nothing_secret(api):
    caller = api.user(full_name="Meera Iyer")
    response = api.get("/auth/me", caller)
    assert response.status_code == 200
    assert response.json["data"] == {
        "user_id": caller.user_id, "email": caller.email, "full_name": "Meera Iyer",
        "role": "user", "is_active": True, "created_at": response.json["data"]["created_at"],
    }


# --- every way a bearer token is refused ---------------------------------------------
PAST = datetime.now(timezone.utc) - timedelta(hours=1)
FUTURE = datetime.now(timezone.utc) + timedelta(hours=1)

REFUSED_TOKENS = {
    "alg none": (unsigned, "TOKEN_INVALID"),
    "signed with another key": (lambda app, c: forge(app, c, key="another-key-" + "x" * 40),
                                "TOKEN_INVALID"),
    "another algorithm, right key": (lambda app, c: forge(app, c, algorithm="HS512"),
                                     "TOKEN_INVALID"),
    "tampered payload": (tampered, "TOKEN_INVALID"),
    "expired": (lambda app, c: forge(app, c, exp=PAST), "TOKEN_EXPIRED"),
    "no exp": (lambda app, c: forge(app, c, exp=None), "TOKEN_INVALID"),
    "no jti": (lambda app, c: forge(app, c, jti=None), "TOKEN_INVALID"),
    "no sub": (lambda app, c: forge(app, c, sub=None), "TOKEN_INVALID"),
    "sub not a uuid": (lambda app, c: forge(app, c, sub="42"), "TOKEN_INVALID"),
    "sub of nobody": (lambda app, c: forge(app, c, sub=str(uuid.uuid4())), "TOKEN_INVALID"),
    "wrong iss": (lambda app, c: forge(app, c, iss="someone-else"), "TOKEN_INVALID"),
    "wrong aud": (lambda app, c: forge(app, c, aud="another-api"), "TOKEN_INVALID"),
    "no typ": (lambda app, c: forge(app, c, typ=None), "TOKEN_INVALID"),
    "not yet valid": (lambda app, c: forge(app, c, nbf=FUTURE), "TOKEN_INVALID"),
    "refresh token as access": (lambda app, c: c.refresh_token, "TOKEN_INVALID"),
    "not a jwt": (lambda app, c: "abc.def.ghi", "TOKEN_INVALID"),
}


@pytest.mark.filterwarnings("ignore:The HMAC key")  # HS512 with our HS256-sized key, on purpose
@pytest.mark.parametrize("case", list(REFUSED_TOKENS))
def test_a_bad_bearer_token_is_refused_with_its_code(api, app, case):
    make_token, expected = REFUSED_TOKENS[case]
    response = me(api, make_token(app, api.user()))
    assert response.status_code == 401
    assert error_code(response) == expected
    assert response.json["success"] is False


@pytest.mark.parametrize("header, expected", [
    (None, "TOKEN_MISSING"),
    ("Basic dXNlcjpwYXNz", "TOKEN_INVALID"),
    ("Bearer ", "TOKEN_INVALID"),
])
def test_a_missing_or_non_bearer_authorization_is_refused(api, header, expected):
    response = api.get("/auth/me", headers={"Authorization": header} if header else {})
    assert response.status_code == 401 and error_code(response) == expected


def test_a_token_from_an_issuer_sharing_the_key_and_claims_is_accepted(api, app):
    caller = api.user()
    assert me(api, forge(app, caller)).json["data"]["user_id"] == caller.user_id


def test_a_deactivated_user_is_refused_on_the_very_next_request(api, db):
    caller = api.user()
    assert api.get("/auth/me", caller).status_code == 200
    db.execute("UPDATE users SET is_active = false WHERE id = %s", (caller.user_id,))
    response = api.get("/auth/me", caller)
    assert response.status_code == 403 and error_code(response) == "ACCOUNT_DISABLED"
