"""Who a bearer token speaks for: the one place that turns a token into a user row.

Used by the API's guard and by the live-notification process alike, so it takes its
database scopes as arguments instead of reading them from a Flask request.
"""
from __future__ import annotations

import secrets
import uuid

import redis as redis_lib

from db import audit, users
from db.models import User
from domain import errors
from domain.audit import CHANGE_ROLE
from domain.passwords import hash_password
from services import UnitOfWork
from settings import Settings
from web.auth import external, revocation, tokens, userinfo

# A factory of database scopes: `with scope() as session:`.
Scope = UnitOfWork


def bearer_token(authorization: str) -> str:
    """The token of an `Authorization: Bearer ...` header."""
    scheme, _, token = authorization.partition(" ")
    if not authorization:
        raise errors.TokenMissing()
    if scheme.lower() != "bearer" or not token.strip():
        raise errors.TokenInvalid()
    return token.strip()


def identify(settings: Settings, r: redis_lib.Redis, token: str, *, confirm: bool,
             reads: Scope, uow: Scope) -> tuple[User, dict]:
    """(user, claims) of an access token; `confirm`: a call strict mode confirms with
    the issuer. Raises the 401/403/503 errors of API.md sections 2 and 19."""
    if external.issued_externally(settings, token):
        return _external_user(settings, r, token, confirm, reads, uow)
    claims = tokens.decode(settings, token, tokens.ACCESS)
    if revocation.is_revoked(r, claims):
        raise errors.TokenRevoked()
    with reads() as session:
        user = users.row_by_id(session, uuid.UUID(claims["sub"]))
    if user is None:
        raise errors.TokenInvalid()
    # Checked on every request, not only at login: deactivation takes effect at once.
    if not user.is_active:
        raise errors.AccountDisabled()
    return user, claims


def _external_user(settings: Settings, r: redis_lib.Redis, token: str, confirm: bool,
                   reads: Scope, uow: Scope) -> tuple[User, dict]:
    identity = external.decode(settings, token)
    if revocation.is_revoked(r, identity.claims):
        raise errors.TokenRevoked()
    if not identity.active:
        raise errors.AccountDisabled()
    # Before any write: with the issuer down, a strict call provisions nothing.
    if confirm and settings.external_strict:
        userinfo.confirm(settings, r, token)
    user = _local_row(settings, identity, reads, uow)
    # Both switches count: the issuer's (the token) and a VaultPay admin's (the row).
    if not user.is_active:
        raise errors.AccountDisabled()
    return user, {**identity.claims, "sub": str(user.id)}


def _local_row(settings: Settings, identity: external.ExternalIdentity, reads: Scope,
               uow: Scope) -> User:
    with reads() as session:
        user = users.by_external_subject(session, identity.subject)
    if user is not None and user.role == identity.role:
        return user
    if user is None:
        # Unusable for password login: nobody knows the password this hash is of.
        unusable = hash_password(secrets.token_urlsafe(32), settings.bcrypt_rounds)
        with uow() as session:
            user = users.provision_external(
                session, subject=identity.subject, email=identity.email,
                full_name=identity.full_name, role="user", password_hash=unusable)
        if user is None:
            raise errors.EmailAlreadyRegistered()
    if user.role != identity.role:
        # The issuer owns external users' roles: a change in the token applies at once,
        # audited like an admin's change of role.
        with uow() as session:
            user = users.by_external_subject(session, identity.subject, for_update=True)
            if user.role != identity.role:
                audit.record(session, audit.SYSTEM, CHANGE_ROLE, "user", user.id,
                             before={"role": user.role}, after={"role": identity.role},
                             reason="role claim of the external identity service")
                user.role = identity.role
    return user
