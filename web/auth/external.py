"""Access tokens of an external identity service (API.md section 19).

The key decides the algorithm, never the token: a shared secret accepts HS256 only,
and a JWKS key only its own algorithm (RS256 or ES256), so a token signed with HS256
under the issuer's public key, or with `alg: none`, is refused.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import jwt

from domain import errors
from domain.roles import ROLES, has_role
from settings import Settings
from web.auth import jwks

_ASYMMETRIC = ("RS256", "ES256")
FALSE_VALUES = (False, 0, "0", "false", "False", "no")


@dataclass(frozen=True)
class ExternalIdentity:
    subject: str
    email: str
    full_name: str
    role: str  # already capped by EXTERNAL_MAX_ROLE
    active: bool
    claims: dict  # what the rest of the app reads as `g.claims` (jti, exp, ...)


def issued_externally(settings: Settings, token: str) -> bool:
    """Which verifier a token goes to (the signature is checked by that one)."""
    if settings.auth_mode == "external":
        return True
    if settings.auth_mode == "builtin":
        return False
    try:
        issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.PyJWTError as exc:
        raise errors.TokenInvalid() from exc
    return issuer == settings.external_issuer


def decode(settings: Settings, token: str) -> ExternalIdentity:
    key, algorithms = _verification_key(settings, token)
    user_id_claim = settings.external_claim_user_id
    try:
        claims = jwt.decode(
            token, key, algorithms=algorithms,
            issuer=settings.external_issuer,
            audience=settings.external_audience or None,
            options={"require": ["exp", "iss", user_id_claim],
                     "verify_aud": bool(settings.external_audience)},
            leeway=5,
        )
    except jwt.ExpiredSignatureError as exc:
        raise errors.TokenExpired() from exc
    except jwt.PyJWTError as exc:
        raise errors.TokenInvalid() from exc
    if claims.get("typ", claims.get("type", "access")) != "access":
        raise errors.TokenInvalid()  # a refresh or ID token is no access token
    return _identity(settings, token, claims)


def _verification_key(settings: Settings, token: str):
    if settings.external_jwt_secret:
        return settings.external_jwt_secret, ["HS256"]
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise errors.TokenInvalid() from exc
    if header.get("alg") not in _ASYMMETRIC:
        raise errors.TokenInvalid()
    jwk = jwks.key_set(settings.external_jwks_url).key_for(settings, header.get("kid"))
    if jwk.algorithm_name != header["alg"]:
        raise errors.TokenInvalid()
    return jwk.key, [jwk.algorithm_name]


def _identity(settings: Settings, token: str, claims: dict) -> ExternalIdentity:
    subject = str(claims[settings.external_claim_user_id]).strip()
    if not subject or len(subject) > 255:
        raise errors.TokenInvalid()
    email = str(claims.get(settings.external_claim_email) or "").strip().lower()
    # No email claim (many OpenID Connect access tokens carry none): a unique address
    # that can never receive mail stands in, since every user row has one.
    email = email or f"{hashlib.sha256(subject.encode()).hexdigest()[:24]}@external.invalid"
    full_name = str(claims.get("name") or claims.get("full_name") or email.split("@")[0])
    # Revocation and logout key on `jti`; a token without one gets a stable stand-in.
    jti = str(claims.get("jti") or hashlib.sha256(token.encode()).hexdigest()[:32])
    return ExternalIdentity(
        subject=subject, email=email, full_name=full_name[:200],
        role=_capped_role(claims.get(settings.external_claim_roles), settings.external_max_role),
        active=claims.get(settings.external_claim_active, True) not in FALSE_VALUES,
        claims={**claims, "jti": jti, "ext": True},
    )


def _capped_role(value, max_role: str) -> str:
    """The highest known role the claim names (a list or one string), at most max_role."""
    named = value if isinstance(value, list) else [value]
    known = [role for role in ROLES if role in named] or ["user"]
    highest = known[-1]
    return highest if has_role(max_role, highest) else max_role
