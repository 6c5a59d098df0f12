"""Limit overrides by administrators: list the stored limits, set or lift an override
(services/limits.py)."""
from __future__ import annotations

from flask.views import MethodView

from db import limits as stored
from services import limits
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of
from web.limits.resources import limit_views
from web.limits.schemas import (
    AdminLimitSchema,
    LimitSchema,
    RemovalArgs,
    StoredLimitListArgs,
    StoredLimitSchema,
)

OWN_LIMITS = ("SELF_ACTION_NOT_ALLOWED: your own wallet's limits, another admin must act; "
              "INSUFFICIENT_PERMISSIONS")

blp = Blueprint("admin_limits", __name__, url_prefix="/admin/limits",
                description="Per-wallet limit overrides (admin and above)")


@blp.route("")
class StoredLimitList(MethodView):
    @requires("admin")
    @blp.arguments(StoredLimitListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(StoredLimitSchema, many_page=True))
    def get(self, page: int, per_page: int, wallet_id: str | None = None,
            source: str | None = None, action: str | None = None):
        """List custom limits and admin overrides, latest change first (admin and above)

        Filters: `wallet_id`, `source` (`custom` or `admin`), `action`. A wallet and
        action missing here follows its tier's defaults.
        """
        with context.uow() as session:
            rows, total = stored.page(session, wallet_id=wallet_id, source=source, action=action,
                                      page=page, per_page=per_page)
        return ok(page_of(rows, page, per_page, total), "Limits")


@blp.route("/<wallet_id>")
class LimitOverride(MethodView):
    @requires("admin")
    @blp.arguments(AdminLimitSchema)
    @blp.response(200, envelope(StoredLimitSchema))
    @blp.alt_response(403, description=OWN_LIMITS)
    @blp.alt_response(404, description="WALLET_NOT_FOUND")
    @blp.alt_response(422, description="VALIDATION_ERROR (including values sent together that "
                                       "break per_transaction <= daily <= monthly)")
    def post(self, body: dict, wallet_id: str):
        """Override a wallet's limits for an action (admin and above)

        Replaces the user's custom limits for the action, if any. Limits left out
        follow the tier defaults, capped by the wider limits set. The override may
        exceed the tier maximum, and the user can neither change nor remove it. The
        user is notified. Nobody overrides their own limits (403
        SELF_ACTION_NOT_ALLOWED).
        """
        action, reason = body.pop("action"), body.pop("reason")
        with context.uow() as session:
            row = limits.override(session, context.actor(), wallet_id, action, body, reason)
        return ok(row, "Limit override set")


@blp.route("/<wallet_id>/<action>")
class LimitOverrideRemoval(MethodView):
    @requires("admin")
    @blp.arguments(RemovalArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(LimitSchema))
    @blp.alt_response(403, description=OWN_LIMITS)
    @blp.alt_response(404, description="WALLET_NOT_FOUND, LIMIT_NOT_FOUND (no admin override)")
    def delete(self, reason: str, wallet_id: str, action: str):
        """Lift an override: the wallet's tier defaults apply again (admin and above)

        `reason` (query) is recorded in the audit row. A user's own custom limits
        are not an override and stay theirs to remove. Nobody lifts an override on
        their own wallet (403 SELF_ACTION_NOT_ALLOWED).
        """
        with context.uow() as session:
            wallet_id = limits.lift_override(session, context.actor(), wallet_id, action, reason)
            return ok(limit_views(session, wallet_id, (action,))[0], "Limit override lifted")
