"""Administration of user accounts: list, change role, deactivate, reactivate.

Each change is a privileged action and writes its audit row (CHANGE_ROLE,
DEACTIVATE_USER, REACTIVATE_USER) in the same transaction as the change.
"""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import audit, users
from db.models import User
from domain import errors
from domain.audit import CHANGE_ROLE, DEACTIVATE_USER, REACTIVATE_USER
from domain.duties import ensure_not_party
from domain.roles import has_role
from web import context
from web.admin.schemas import DeactivationSchema, RoleChangeSchema, UserListArgs
from web.auth import sessions
from web.auth.guard import requires
from web.auth.schemas import UserSchema
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of

blp = Blueprint("admin", __name__, url_prefix="/admin", description="Back-office administration")

NOT_FOUND = "USER_NOT_FOUND (also for a malformed id)"
OWN_ACCOUNT = ("SELF_ACTION_NOT_ALLOWED: your own account, another administrator must act; "
               "INSUFFICIENT_PERMISSIONS")


@blp.route("/users")
class UserList(MethodView):
    @requires("admin")
    @blp.arguments(UserListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(UserSchema, many_page=True))
    def get(self, page: int, per_page: int, role: str | None = None,
            is_active: bool | None = None, email: str | None = None):
        """List users, newest first (admin and above)

        Filters: `role`, `is_active`, and `email` (a case-insensitive part of the address).
        """
        with context.uow() as session:
            rows, total = users.page(session, role=role, is_active=is_active,
                                     email_contains=email, page=page, per_page=per_page)
        return ok(page_of(rows, page, per_page, total), "Users")


@blp.route("/users/<user_id>/role")
class UserRole(MethodView):
    @requires("super_admin")
    @blp.arguments(RoleChangeSchema)
    @blp.response(200, envelope(UserSchema))
    @blp.alt_response(403, description=OWN_ACCOUNT)
    @blp.alt_response(404, description=NOT_FOUND)
    def post(self, change: dict, user_id: str):
        """Set a user's role (super admin only)

        Takes effect on the user's next request: every request re-reads the role.
        Nobody changes their own role (403 SELF_ACTION_NOT_ALLOWED), so the system
        always keeps the super admin who acts.
        """
        with context.uow() as session:
            user = _locked_user(session, user_id)
            before = user.role
            user.role = change["role"]
            audit.record(session, context.actor(), CHANGE_ROLE, "user", user.id,
                         before={"role": before}, after={"role": user.role})
        return ok(user, "Role changed")


@blp.route("/users/<user_id>/deactivate")
class UserDeactivation(MethodView):
    @requires("admin")
    @blp.arguments(DeactivationSchema)
    @blp.response(200, envelope(UserSchema))
    @blp.alt_response(403, description=OWN_ACCOUNT)
    @blp.alt_response(404, description=NOT_FOUND)
    def post(self, deactivation: dict, user_id: str):
        """Deactivate an account (admin and above)

        An admin may deactivate users and moderators; only a super admin may deactivate
        an admin or another super admin (403 INSUFFICIENT_PERMISSIONS otherwise), and
        nobody may deactivate themselves (403 SELF_ACTION_NOT_ALLOWED). The user is
        refused on every request at once (403 ACCOUNT_DISABLED) and all their sessions
        are revoked, so reactivation needs a fresh login. Deactivating an already
        deactivated account changes nothing.
        """
        with context.uow() as session:
            user = _locked_user(session, user_id)
            _require_authority_over(user, "deactivate")
            if user.is_active:
                user.is_active = False
                sessions.end_all_for_user(session, user.id)
                audit.record(session, context.actor(), DEACTIVATE_USER, "user", user.id,
                             before={"is_active": True}, after={"is_active": False},
                             reason=deactivation["reason"])
        return ok(user, "User deactivated")


@blp.route("/users/<user_id>/reactivate")
class UserReactivation(MethodView):
    @requires("admin")
    @blp.response(200, envelope(UserSchema))
    @blp.alt_response(403, description=OWN_ACCOUNT)
    @blp.alt_response(404, description=NOT_FOUND)
    def post(self, user_id: str):
        """Reactivate an account (admin and above)

        The same authority rule as deactivation applies, and nobody reactivates
        themselves (403 SELF_ACTION_NOT_ALLOWED). The user logs in again: the
        sessions revoked at deactivation stay revoked. Reactivating an active account
        changes nothing.
        """
        with context.uow() as session:
            user = _locked_user(session, user_id)
            _require_authority_over(user, "reactivate")
            if not user.is_active:
                user.is_active = True
                sessions.keep_ended_sessions_dead(session, context.settings(), context.redis(),
                                                  user.id)
                audit.record(session, context.actor(), REACTIVATE_USER, "user", user.id,
                             before={"is_active": False}, after={"is_active": True})
        return ok(user, "User reactivated")


def _locked_user(session, user_id: str) -> User:
    """The account to act on, refused when it is the actor's own."""
    user = users.get_for_update(session, user_id)
    if user is None:
        raise errors.UserNotFound()
    ensure_not_party(g.user.id, [user.id])
    return user


def _require_authority_over(target: User, action: str) -> None:
    """Admins manage the roles below their own; only a super admin manages admins."""
    actor_role = g.user.role
    outranks = has_role(actor_role, target.role) and actor_role != target.role
    if actor_role != "super_admin" and not outranks:
        raise errors.InsufficientPermissions(
            f"Only a super admin can {action} an account with the role {target.role}")
