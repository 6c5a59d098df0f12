"""Limit overrides by administrators: list the stored limits, set or lift an override.

An override may exceed the tier maximum, the user cannot change or remove it, and
each change writes an OVERRIDE_LIMIT audit row (before and after) in its transaction.
"""
from __future__ import annotations

from flask import g
from flask.views import MethodView
from sqlalchemy.orm import Session

from db import audit, notifications
from db import limits as stored
from db.models import Wallet
from domain import errors
from domain import limits as rules
from domain.audit import OVERRIDE_LIMIT
from domain.duties import ensure_not_party
from domain.limits import ACTIONS, ADMIN
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
            wallet = _locked_wallet(session, wallet_id)
            tier_default = stored.applicable_limits(session, wallet.id, (action,))[action].tier_default
            values = rules.admin_values(tier_default, body)
            row = stored.stored_row(session, wallet.id, action)
            before = stored.row_state(row)
            row = stored.save(session, row, wallet_id=wallet.id, action=action, source=ADMIN,
                              values_=values, set_by=g.user.id, reason=reason)
            _record(session, wallet, before, stored.row_state(row), reason)
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
            wallet = _locked_wallet(session, wallet_id)
            row = stored.stored_row(session, wallet.id, action) if action in ACTIONS else None
            if row is None or row.source != ADMIN:
                raise errors.LimitNotFound("This wallet has no override for this action")
            before = stored.row_state(row)
            stored.remove(session, wallet.id, action)
            _record(session, wallet, before, None, reason)
            return ok(limit_views(session, wallet.id, (action,))[0], "Limit override lifted")


def _locked_wallet(session: Session, wallet_id: str) -> Wallet:
    """The wallet whose limits change, refused when it is the actor's own."""
    wallet = session.get(Wallet, wallet_id, with_for_update=True)
    if wallet is None:
        raise errors.WalletNotFound()
    ensure_not_party(g.user.id, [wallet.user_id])
    return wallet


def _record(session: Session, wallet: Wallet, before: dict | None, after: dict | None,
            reason: str) -> None:
    audit.record(session, context.actor(), OVERRIDE_LIMIT, "wallet", wallet.id,
                 before=before, after=after, reason=reason)
    action = (after or before)["action"]
    notifications.notify(
        session, wallet.user_id, "limits_changed", "Your limits changed",
        f"VaultPay {'set' if after else 'removed'} a limit override for {action}.",
        {"action": action, "wallet_id": wallet.id},
    )
