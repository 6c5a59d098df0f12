"""Identity: register, log in, refresh, log out, and who am I."""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import ratelimit, users
from domain import errors
from domain.passwords import hash_password
from web import context
from web.auth import sessions, tokens
from web.auth.credentials import check as credentials_check
from web.auth.guard import requires
from web.auth.schemas import LoginSchema, RefreshSchema, RegisterSchema, TokenPairSchema, UserSchema
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope

blp = Blueprint("auth", __name__, url_prefix="/auth",
                description="Accounts, sessions and bearer tokens")

RATE_WINDOW_S = 60


@blp.route("/register")
class Register(MethodView):
    @blp.arguments(RegisterSchema)
    @blp.response(201, envelope(UserSchema))
    @blp.alt_response(409, description="EMAIL_ALREADY_REGISTERED")
    @blp.alt_response(429, description="RATE_LIMITED, per client IP; see Retry-After")
    def post(self, new_user: dict):
        """Create an account (always with the role `user`)"""
        settings = context.settings()
        # The cheap refusals first (the schema has already run): bcrypt is the expensive
        # part, and an unthrottled caller could spend the machine on it.
        ratelimit.hit(context.redis(), "register_ip", context.client_ip(),
                      settings.register_rate_per_ip, RATE_WINDOW_S)
        with context.reads() as session:
            if users.by_email(session, new_user["email"]) is not None:
                raise errors.EmailAlreadyRegistered()
        # Hashed before the transaction opens: bcrypt is slow and must not hold a connection.
        password_hash = hash_password(new_user["password"], settings.bcrypt_rounds)
        with context.uow() as session:
            user = users.insert_unless_registered(
                session, email=new_user["email"], password_hash=password_hash,
                full_name=new_user["full_name"])
            if user is None:
                raise errors.EmailAlreadyRegistered()
        return ok(user, "Account created")


@blp.route("/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, envelope(TokenPairSchema))
    @blp.alt_response(401, description="INVALID_CREDENTIALS (same answer for an unknown email)")
    @blp.alt_response(403, description="ACCOUNT_DISABLED")
    @blp.alt_response(429, description="RATE_LIMITED: too many failed attempts from the client "
                                       "IP or for the email; see Retry-After")
    def post(self, credentials: dict):
        """Exchange email and password for an access and a refresh token"""
        user = credentials_check(credentials["email"], credentials["password"])
        with context.uow() as session:
            pair = sessions.start(session, context.settings(), user)
        return ok(pair, "Logged in")


@blp.route("/refresh")
class Refresh(MethodView):
    @blp.arguments(RefreshSchema)
    @blp.response(200, envelope(TokenPairSchema))
    @blp.alt_response(401, description="TOKEN_INVALID, TOKEN_EXPIRED; TOKEN_REVOKED for a revoked "
                                       "token or the reuse of a rotated one (which revokes the "
                                       "whole session)")
    @blp.alt_response(403, description="ACCOUNT_DISABLED")
    def post(self, body: dict):
        """Trade a refresh token for a new pair; each refresh token works once"""
        settings = context.settings()
        claims = tokens.decode(settings, body["refresh_token"], tokens.REFRESH)
        with context.uow() as session:
            pair = sessions.rotate(session, settings, context.redis(), claims)
        if pair is None:
            # Raised only now, after the family's revocation has been committed.
            raise errors.TokenRevoked()
        return ok(pair, "Tokens refreshed")


@blp.route("/logout")
class Logout(MethodView):
    @requires("user")
    @blp.response(200, envelope(None))
    def post(self):
        """Revoke the presented access token and every token of its session"""
        with context.uow() as session:
            sessions.end(session, context.settings(), context.redis(), g.claims)
        return ok(None, "Logged out")


@blp.route("/me")
class Me(MethodView):
    @requires("user")
    @blp.response(200, envelope(UserSchema))
    def get(self):
        """The authenticated user"""
        return ok(g.user, "Current user")
