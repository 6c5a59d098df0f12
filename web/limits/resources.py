"""Your transaction limits: what applies, what you used, and lowering them
(services/limits.py)."""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import limits as stored
from db.wallets import own_wallet_id
from domain import limits as rules
from domain.limits import ACTIONS, TYPES_OF_ACTION
from services import limits
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope
from web.limits.schemas import CreateLimitSchema, LimitSchema, UpdateLimitSchema

blp = Blueprint("limits", __name__, url_prefix="/limits",
                description="Your transaction limits: what applies, what you used, lowering them")

_NO_WALLET = "WALLET_NOT_FOUND: you have no wallet yet"
_NOT_YOURS = "LIMIT_SET_BY_ADMIN: VaultPay set this limit; only support can change it"
_REFUSED = ("LIMIT_ABOVE_MAXIMUM: above your tier's maximum (details name the maximum); "
            "VALIDATION_ERROR: including values sent together that break "
            "per_transaction <= daily <= monthly")


@blp.route("")
class LimitList(MethodView):
    @requires("user")
    @blp.response(200, envelope(LimitSchema, many=True))
    @blp.alt_response(404, description=_NO_WALLET)
    def get(self):
        """List the limits that apply to you, with what you used

        One entry per action (`send_money`, `topup`, `withdraw`). `source` says where
        the limits come from: your KYC tier's defaults (`default`), limits you lowered
        (`custom`) or limits VaultPay set for you (`admin`). Days and months are
        calendar days and months in the business timezone (Asia/Kolkata by default).
        """
        with context.uow() as session:
            wallet_id = own_wallet_id(session, g.user.id)
            return ok(limit_views(session, wallet_id), "Limits")

    @requires("user")
    @blp.arguments(CreateLimitSchema)
    @blp.response(201, envelope(LimitSchema))
    @blp.alt_response(403, description=_NOT_YOURS)
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(409, description="LIMIT_ALREADY_EXISTS: change it with PATCH")
    @blp.alt_response(422, description=_REFUSED)
    def post(self, body: dict):
        """Lower your limits for an action

        The limits you leave out keep following your tier's defaults. Lowering one
        alone is always accepted, even below another that stays (a daily limit under
        the per-transaction default): each limit that applies is then capped by the
        wider ones, so the smallest of the three is the most one payment may move.
        """
        action = body.pop("action")
        with context.uow() as session:
            wallet_id = limits.set_own(session, context.actor(), action, body)
            return ok(limit_views(session, wallet_id, (action,))[0], "Limit set")


@blp.route("/<action>")
class LimitDetail(MethodView):
    @requires("user")
    @blp.arguments(UpdateLimitSchema)
    @blp.response(200, envelope(LimitSchema))
    @blp.alt_response(403, description=_NOT_YOURS)
    @blp.alt_response(404, description="LIMIT_NOT_FOUND: no custom limit for this action "
                                       "(create one with POST); WALLET_NOT_FOUND")
    @blp.alt_response(422, description=_REFUSED)
    def patch(self, changes: dict, action: str):
        """Change your custom limits for an action

        Only the limits you send change; a stored limit left above one you lower comes
        down with it.
        """
        with context.uow() as session:
            wallet_id = limits.change_own(session, context.actor(), action, changes)
            return ok(limit_views(session, wallet_id, (action,))[0], "Limit changed")

    @requires("user")
    @blp.response(200, envelope(LimitSchema))
    @blp.alt_response(403, description=_NOT_YOURS)
    @blp.alt_response(404, description="LIMIT_NOT_FOUND, WALLET_NOT_FOUND")
    def delete(self, action: str):
        """Go back to your tier's default limits for an action"""
        with context.uow() as session:
            wallet_id = limits.remove_own(session, context.actor(), action)
            return ok(limit_views(session, wallet_id, (action,))[0], "Limit removed")


def limit_views(session, wallet_id: str, actions: tuple[str, ...] = ACTIONS) -> list[dict]:
    applicable = stored.applicable_limits(session, wallet_id, actions)
    zone = stored.business_zone(context.settings().business_timezone)
    periods = rules.periods(applicable[actions[0]].now, zone)
    kinds = tuple(kind for action in actions for kind in TYPES_OF_ACTION[action])
    used = stored.usage(session, wallet_id, kinds, periods)
    return [_view(applicable[action], rules.used_by_action(action, used)) for action in actions]


def _view(applicable: stored.Applicable, used: rules.Usage) -> dict:
    remaining_today, remaining_this_month = rules.headroom(applicable.limits, used)
    return {
        "action": applicable.action,
        **applicable.limits.as_dict(),
        "source": applicable.source,
        "used_today": used.today,
        "used_this_month": used.this_month,
        "remaining_today": remaining_today,
        "remaining_this_month": remaining_this_month,
        "tier_maximum": applicable.tier_default.as_dict(),
    }
