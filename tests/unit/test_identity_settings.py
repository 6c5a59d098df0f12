"""Identity configurations that cannot work, or are unsafe in production, are refused
at start-up."""
from __future__ import annotations

import pytest

from settings import Settings

EXTERNAL = {"auth_mode": "external", "external_issuer": "https://idp.example",
            "external_jwks_url": "https://idp.example/jwks", "external_audience": "vaultpay-api"}


def settings(**overrides) -> Settings:
    return Settings().with_overrides(**overrides)


@pytest.mark.parametrize("overrides, complaint", [
    ({"auth_mode": "sometimes"}, "AUTH_MODE"),
    ({**EXTERNAL, "external_jwt_secret": "s" * 40}, "exactly one"),
    ({**EXTERNAL, "external_jwks_url": ""}, "exactly one"),
    ({**EXTERNAL, "external_issuer": ""}, "EXTERNAL_ISSUER"),
    ({**EXTERNAL, "external_issuer": "vaultpay"}, "differ from JWT_ISSUER"),
    ({**EXTERNAL, "external_strict": True}, "EXTERNAL_USERINFO_URL"),
    ({"external_max_role": "root"}, "EXTERNAL_MAX_ROLE"),
])
def test_unworkable_identity_settings_are_refused_everywhere(overrides, complaint):
    with pytest.raises(RuntimeError, match=complaint):
        settings(**overrides).validate_identity()


def test_a_workable_external_configuration_passes():
    settings(**EXTERNAL).validate_identity()
    settings(**{**EXTERNAL, "auth_mode": "both"}, external_strict=True,
             external_userinfo_url="https://idp.example/auth/me").validate_identity()


@pytest.mark.parametrize("overrides, complaint", [
    ({**EXTERNAL, "external_jwks_url": "", "external_jwt_secret": "short"}, "EXTERNAL_JWT_SECRET"),
    ({**EXTERNAL, "external_jwks_url": "", "external_jwt_secret": "j" * 40,
      "jwt_secret_key": "j" * 40}, "EXTERNAL_JWT_SECRET"),
    ({**EXTERNAL, "external_audience": ""}, "EXTERNAL_AUDIENCE"),
    ({**EXTERNAL, "external_jwks_url": "http://idp.example/jwks"}, "https"),
    ({**EXTERNAL, "external_max_role": "super_admin"}, "super_admin"),
])
def test_unsafe_identity_settings_are_refused_in_production(overrides, complaint):
    with pytest.raises(RuntimeError, match=complaint):
        settings(**overrides)._validate_identity_for_production()


def test_doctor_names_the_identity_configuration_and_its_weak_points():
    from web.doctor import _external_identity

    assert [f.subject for f in _external_identity(settings())] == ["AUTH_MODE"]
    findings = _external_identity(settings(**{**EXTERNAL, "external_audience": "",
                                              "external_jwks_url": "http://idp.example/jwks"}))
    warned = {f.subject for f in findings if f.level == "warn"}
    assert warned == {"EXTERNAL_AUDIENCE", "EXTERNAL_JWKS_URL"}
