"""Your transaction limits: what applies, what you used, and lowering them.

Limit writes lock the wallet row, so a user's change and an administrator's override
of the same wallet never interleave.
"""
from __future__ import annotations

from flask import g
from flask.views import MethodView
from sqlalchemy.orm import Session

from db import limits as stored
from db.models import TransactionLimit
from db.wallets import own_wallet, own_wallet_id
from domain import errors
from domain import limits as rules
from domain.limits import ACTIONS, ADMIN, CUSTOM, FIELDS, OPERATION_OF_ACTION
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
            wallet = own_wallet(session, g.user.id, for_update=True)
            applicable = stored.applicable_limits(session, wallet.id, (action,))[action]
            if applicable.source == ADMIN:
                raise errors.LimitSetByAdmin()
            if applicable.source == CUSTOM:
                raise errors.LimitAlreadyExists()
            values = rules.custom_values(applicable.tier_default, {}, body)
            _save_custom(session, None, wallet.id, action, values)
            return ok(limit_views(session, wallet.id, (action,))[0], "Limit set")


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
            wallet_id, row = _own_custom_row(session, action)
            tier_default = stored.applicable_limits(session, wallet_id, (action,))[action].tier_default
            values = rules.custom_values(tier_default, _values_of(row), changes)
            _save_custom(session, row, wallet_id, action, values)
            return ok(limit_views(session, wallet_id, (action,))[0], "Limit changed")

    @requires("user")
    @blp.response(200, envelope(LimitSchema))
    @blp.alt_response(403, description=_NOT_YOURS)
    @blp.alt_response(404, description="LIMIT_NOT_FOUND, WALLET_NOT_FOUND")
    def delete(self, action: str):
        """Go back to your tier's default limits for an action"""
        with context.uow() as session:
            wallet_id, _ = _own_custom_row(session, action)
            stored.remove(session, wallet_id, action)
            return ok(limit_views(session, wallet_id, (action,))[0], "Limit removed")


def _own_custom_row(session: Session, action: str) -> tuple[str, TransactionLimit]:
    if action not in ACTIONS:
        raise errors.LimitNotFound(f"Unknown action; use one of {', '.join(ACTIONS)}")
    wallet = own_wallet(session, g.user.id, for_update=True)
    row = stored.stored_row(session, wallet.id, action)
    if row is None:
        raise errors.LimitNotFound()
    if row.source == ADMIN:
        raise errors.LimitSetByAdmin()
    return wallet.id, row


def _save_custom(session: Session, row: TransactionLimit | None, wallet_id: str, action: str,
                 values: dict) -> None:
    stored.save(session, row, wallet_id=wallet_id, action=action, source=CUSTOM,
                values_=values, set_by=g.user.id)


def _values_of(row: TransactionLimit) -> dict:
    return {name: getattr(row, name) for name in FIELDS}


def limit_views(session: Session, wallet_id: str, actions: tuple[str, ...] = ACTIONS) -> list[dict]:
    applicable = stored.applicable_limits(session, wallet_id, actions)
    zone = stored.business_zone(context.settings().business_timezone)
    periods = rules.periods(applicable[actions[0]].now, zone)
    kinds = tuple(OPERATION_OF_ACTION[action] for action in actions)
    used = stored.usage(session, wallet_id, kinds, periods)
    return [_view(applicable[action], used[OPERATION_OF_ACTION[action]]) for action in actions]


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
