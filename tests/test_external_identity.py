"""External identity (API.md section 19) against a real issuer: an HTTP server in this
process publishing a JWKS and answering /auth/me (tests/support/issuer.py)."""
from __future__ import annotations

import socket
import uuid

import jwt
import pytest

from tests.support.api import PIN, Api, Caller
from tests.support.issuer import AUDIENCE, ISSUER, Issuer

PREFIX = "/api/v1"


@pytest.fixture(scope="module")
def issuer():
    with Issuer() as running:
        yield running


def _external(issuer: Issuer, **overrides) -> dict:
    return {"auth_mode": "external", "external_issuer": ISSUER, "external_audience": AUDIENCE,
            "external_jwks_url": issuer.url("/.well-known/jwks.json"),
            "external_userinfo_url": issuer.url("/auth/me"),
            "external_max_role": "admin", "external_jwks_min_refresh_s": 0.0, **overrides}


def _app(database_url, **config):
    from web.app import create_app

    return create_app(test_config=config)


@pytest.fixture(scope="module")
def external(database_url, issuer):
    return _app(database_url, **_external(issuer)).test_client()


@pytest.fixture(scope="module")
def both(database_url, issuer):
    return _app(database_url, **_external(issuer, auth_mode="both")).test_client()


def me(client, token: str):
    return client.get(f"{PREFIX}/auth/me", headers={"Authorization": f"Bearer {token}"})


def refused(response, status: int, code: str) -> bool:
    return (response.status_code, response.json.get("error_code")) == (status, code)


def new_subject() -> str:
    return str(uuid.uuid4())


# --- provisioning and the token's say over the row ----------------------------------------
def test_first_request_provisions_the_local_user_once(external, issuer, db):
    subject = new_subject()
    first = me(external, issuer.token(subject))
    assert first.status_code == 200, first.json
    assert first.json["data"]["email"] == f"{subject}@authshield.test"
    assert first.json["data"]["role"] == "user"
    assert me(external, issuer.token(subject)).json["data"]["user_id"] == first.json["data"]["user_id"]
    rows = db.execute("SELECT count(*) FROM users WHERE external_subject = %s", (subject,)).fetchone()
    assert rows[0] == 1


def test_the_provisioned_user_cannot_log_in_with_a_password(external, issuer, client):
    subject = new_subject()
    me(external, issuer.token(subject))
    response = client.post(f"{PREFIX}/auth/login",
                           json={"email": f"{subject}@authshield.test", "password": "x" * 12})
    assert refused(response, 401, "INVALID_CREDENTIALS")


def test_a_deactivated_external_user_is_refused_until_the_issuer_reactivates(external, issuer):
    subject = new_subject()
    assert me(external, issuer.token(subject)).status_code == 200
    assert refused(me(external, issuer.token(subject, is_active=False)), 403, "ACCOUNT_DISABLED")
    assert me(external, issuer.token(subject)).status_code == 200


def test_a_local_deactivation_holds_whatever_the_token_says(external, issuer, db):
    subject = new_subject()
    assert me(external, issuer.token(subject)).status_code == 200
    db.execute("UPDATE users SET is_active = false WHERE external_subject = %s", (subject,))
    assert refused(me(external, issuer.token(subject)), 403, "ACCOUNT_DISABLED")


def test_a_role_change_in_the_token_applies_at_once(external, issuer):
    subject = new_subject()
    as_user = external.get(f"{PREFIX}/admin/users",
                           headers={"Authorization": f"Bearer {issuer.token(subject)}"})
    assert refused(as_user, 403, "INSUFFICIENT_PERMISSIONS")
    promoted = issuer.token(subject, roles=["user", "admin"])
    assert external.get(f"{PREFIX}/admin/users",
                        headers={"Authorization": f"Bearer {promoted}"}).status_code == 200
    assert me(external, promoted).json["data"]["role"] == "admin"
    demoted = issuer.token(subject, roles="user")
    assert me(external, demoted).json["data"]["role"] == "user"
    assert refused(external.get(f"{PREFIX}/admin/users",
                                headers={"Authorization": f"Bearer {demoted}"}),
                   403, "INSUFFICIENT_PERMISSIONS")


def test_a_role_given_by_the_issuer_is_audited(external, issuer, db):
    subject = new_subject()
    user_id = me(external, issuer.token(subject, roles=["moderator"])).json["data"]["user_id"]
    rows = db.execute("SELECT actor_role, before_state, after_state FROM audit_logs"
                      " WHERE action = 'CHANGE_ROLE' AND target_id = %s", (user_id,)).fetchall()
    assert rows == [("system", {"role": "user"}, {"role": "moderator"})]


def test_roles_above_the_cap_are_cut_to_it(external, issuer):
    token = issuer.token(new_subject(), roles=["super_admin"])
    assert me(external, token).json["data"]["role"] == "admin"


def test_an_email_of_a_built_in_account_is_not_taken_over(external, issuer, api):
    owner = api.user()
    token = issuer.token(new_subject(), email=owner.email)
    assert refused(me(external, token), 409, "EMAIL_ALREADY_REGISTERED")


# --- keys and claims ----------------------------------------------------------------------
def test_a_rotated_key_is_fetched_when_its_kid_first_appears(external, issuer):
    subject = new_subject()
    assert me(external, issuer.token(subject)).status_code == 200
    issuer.rotate("ES256")
    assert me(external, issuer.token(subject)).status_code == 200
    issuer.rotate("RS256")
    assert me(external, issuer.token(subject)).status_code == 200


def test_a_key_the_issuer_does_not_publish_is_refused(external, issuer):
    unpublished = issuer.add_key("RS256")
    issuer.published.remove(unpublished)
    assert refused(me(external, issuer.token(new_subject(), kid=unpublished)), 401, "TOKEN_INVALID")


@pytest.mark.parametrize("overrides", [{"iss": "https://elsewhere.test"},
                                       {"aud": "another-api"},
                                       {"aud": None},
                                       {"user_id": None},
                                       {"type": "refresh"}])
def test_tokens_of_another_issuer_audience_or_shape_are_refused(external, issuer, overrides):
    token = issuer.token(new_subject(), **overrides)
    assert refused(me(external, token), 401, "TOKEN_INVALID")


def test_an_expired_external_token_is_refused(external, issuer):
    assert refused(me(external, issuer.token(new_subject(), exp=1_000_000)), 401, "TOKEN_EXPIRED")


def test_hs256_signed_with_the_public_key_is_refused(external, issuer):
    assert refused(me(external, issuer.hs256_with_public_key(new_subject())), 401, "TOKEN_INVALID")


def test_an_unsigned_token_is_refused(external, issuer):
    token = jwt.encode(issuer.claims(new_subject()), None, algorithm="none")
    assert refused(me(external, token), 401, "TOKEN_INVALID")


def test_shared_secret_mode_accepts_hs256_under_that_secret_only(database_url, issuer):
    secret = "s" * 40
    client = _app(database_url, **_external(issuer, external_jwks_url="",
                                            external_jwt_secret=secret)).test_client()
    claims = issuer.claims(new_subject())
    assert me(client, jwt.encode(claims, secret, algorithm="HS256")).status_code == 200
    assert refused(me(client, jwt.encode(claims, "t" * 40, algorithm="HS256")), 401, "TOKEN_INVALID")
    assert refused(me(client, issuer.token(new_subject())), 401, "TOKEN_INVALID")


# --- modes --------------------------------------------------------------------------------
def test_built_in_tokens_are_refused_in_external_mode(external, api):
    caller = api.user()
    assert refused(me(external, caller.access_token), 401, "TOKEN_INVALID")


def test_both_modes_accept_both_kinds_of_token(both, issuer, api):
    caller = api.user()
    assert me(both, caller.access_token).json["data"]["email"] == caller.email
    assert me(both, issuer.token(new_subject())).status_code == 200


def test_logout_of_an_external_token_stops_it(external, issuer):
    token = issuer.token(new_subject())
    assert external.post(f"{PREFIX}/auth/logout",
                         headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert refused(me(external, token), 401, "TOKEN_REVOKED")


# --- strict mode ----------------------------------------------------------------------------
def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/auth/me"


def _external_wallet(client, db, issuer: Issuer) -> tuple[Caller, str]:
    subject = new_subject()
    token = issuer.token(subject)
    api = Api(client, db)
    caller = Caller(f"{subject}@authshield.test", "", token, "")
    return api.wallet(caller, pin=PIN), subject


def test_strict_mode_with_the_issuer_down_refuses_money_calls_and_moves_nothing(
        database_url, issuer, external, db):
    caller, _ = _external_wallet(external, db, issuer)
    down = _app(database_url, **_external(issuer, external_strict=True,
                                          external_userinfo_url=_closed_port_url()))
    api = Api(down.test_client(), db)
    response = api.money("topup", caller,
                                               {"amount": "100.00", "payment_method": "upi"})
    assert refused(response, 503, "IDENTITY_UNAVAILABLE")
    assert refused(api.get("/admin/users", caller), 503, "IDENTITY_UNAVAILABLE")
    # Reads that move no money are not confirmed, so they still work.
    assert api.get("/wallets/balance", caller).json["data"]["balance"] == "0.00"
    queued = db.execute("SELECT count(*) FROM operations WHERE wallet_id = %s",
                        (caller.wallet_id,)).fetchone()[0]
    assert queued == 0


def test_strict_mode_with_the_issuer_down_provisions_nobody(database_url, issuer, db):
    down = _app(database_url, **_external(issuer, external_strict=True,
                                          external_userinfo_url=_closed_port_url()))
    subject = new_subject()
    response = down.test_client().post(
        f"{PREFIX}/transactions/topup", json={"amount": "1.00", "payment_method": "upi"},
        headers={"Authorization": f"Bearer {issuer.token(subject)}", "Idempotency-Key": "k1"})
    assert refused(response, 503, "IDENTITY_UNAVAILABLE")
    assert db.execute("SELECT count(*) FROM users WHERE external_subject = %s",
                      (subject,)).fetchone()[0] == 0


def test_strict_mode_confirms_with_the_issuer_and_caches_its_answer(database_url, issuer, external, db):
    caller, subject = _external_wallet(external, db, issuer)
    strict = Api(_app(database_url, **_external(issuer, external_strict=True,
                                                 external_userinfo_cache_s=60)).test_client(), db)
    before = issuer.me_calls
    body = {"amount": "10.00", "payment_method": "upi"}
    assert strict.money("topup", caller, body).status_code == 202
    assert strict.money("topup", caller, body).status_code == 202
    assert issuer.me_calls == before + 1  # the second call read the cached answer
    # A token the issuer has revoked stops at the next confirmation.
    revoked = issuer.token(subject)
    issuer.revoked.add(jwt.decode(revoked, options={"verify_signature": False})["jti"])
    revoked_caller = Caller(caller.email, "", revoked, "", wallet_id=caller.wallet_id)
    assert refused(strict.money("topup", revoked_caller, body), 401, "TOKEN_REVOKED")
    # A user the issuer has deactivated is refused even with an older, still valid token.
    issuer.disabled.add(subject)
    fresh = Caller(caller.email, "", issuer.token(subject), "", wallet_id=caller.wallet_id)
    assert refused(strict.money("topup", fresh, body), 403, "ACCOUNT_DISABLED")
