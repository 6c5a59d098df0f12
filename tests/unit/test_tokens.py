"""Bearer tokens with no database: what `tokens.decode` accepts and what it refuses."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import jwt
import pytest

import settings as settings_module
from domain import errors
from web.auth import tokens

SETTINGS = settings_module.load().with_overrides(jwt_secret_key="unit-test-key-" + "k" * 32)
USER_ID = uuid.uuid4()


def issued(typ=tokens.ACCESS):
    return tokens.issue(SETTINGS, user_id=USER_ID, email="asha@example.com", role="user",
                        typ=typ, family_id=uuid.uuid4())


def signed(claims: dict, key=None, algorithm="HS256") -> str:
    return jwt.encode(claims, key or SETTINGS.jwt_secret_key, algorithm=algorithm)


def with_claims(**changes) -> str:
    """A freshly issued access token's claims, changed (None removes one) and re-signed."""
    _, claims = issued()
    claims.update(changes)
    return signed({name: value for name, value in claims.items() if value is not None})


def test_an_issued_access_token_decodes_to_its_claims():
    token, claims = issued()
    decoded = tokens.decode(SETTINGS, token, tokens.ACCESS)
    assert decoded["sub"] == str(USER_ID) and decoded["jti"] == claims["jti"]
    assert decoded["typ"] == "access" and decoded["fam"] == claims["fam"]
    assert decoded["exp"] - decoded["iat"] == SETTINGS.access_token_minutes * 60


def test_a_refresh_token_lives_for_days_and_is_not_an_access_token():
    token, _ = issued(tokens.REFRESH)
    decoded = tokens.decode(SETTINGS, token, tokens.REFRESH)
    assert decoded["exp"] - decoded["iat"] == SETTINGS.refresh_token_days * 86400
    with pytest.raises(errors.TokenInvalid):
        tokens.decode(SETTINGS, token, tokens.ACCESS)


def test_every_issued_token_has_its_own_jti():
    assert issued()[1]["jti"] != issued()[1]["jti"]


@pytest.mark.filterwarnings("ignore:The HMAC key")
@pytest.mark.parametrize("make_token", [
    lambda: with_claims(exp=None),
    lambda: with_claims(jti=None),
    lambda: with_claims(iat=None),
    lambda: with_claims(iss="elsewhere"),
    lambda: with_claims(aud="another-api"),
    lambda: with_claims(typ="id"),
    lambda: with_claims(sub="not-a-uuid"),
    lambda: with_claims(nbf=datetime.now(timezone.utc) + timedelta(minutes=5)),
    lambda: signed(issued()[1], key="some-other-key-" + "o" * 32),
    lambda: signed(issued()[1], algorithm="HS512"),
    lambda: jwt.encode(issued()[1], None, algorithm="none"),
    lambda: issued()[0][:-4] + "AAAA",
    lambda: "",
    lambda: "a.b",
], ids=["no exp", "no jti", "no iat", "wrong iss", "wrong aud", "wrong typ", "bad sub",
        "future nbf", "other key", "other algorithm", "alg none", "bad signature", "empty",
        "malformed"])
def test_a_bad_token_is_invalid(make_token):
    with pytest.raises(errors.TokenInvalid):
        tokens.decode(SETTINGS, make_token(), tokens.ACCESS)


def test_an_expired_token_is_expired_not_invalid():
    with pytest.raises(errors.TokenExpired):
        tokens.decode(SETTINGS, with_claims(exp=datetime.now(timezone.utc) - timedelta(minutes=1)),
                      tokens.ACCESS)


def test_seconds_left_counts_down_to_expiry_and_never_below_one():
    now = datetime.now(timezone.utc).timestamp()
    assert 595 <= tokens.seconds_left({"exp": now + 600}) <= 600
    assert tokens.seconds_left({"exp": now - 30}) == 1
