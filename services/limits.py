"""Limits: the checks a money call meets at submit (at the end), and changing limits:
the owner lowers their own (custom limits), an administrator sets or lifts an override.

Limit writes lock the wallet row, so a user's change and an administrator's override
of the same wallet never interleave. An override may exceed the tier maximum, the user
cannot change or remove it, and each override change writes an OVERRIDE_LIMIT audit row
(before and after) and tells the owner, in the caller's transaction. Each function
returns the id of the wallet whose limits changed.
"""
from __future__ import annotations

import uuid
from decimal import Decimal

import redis as redis_lib
from sqlalchemy.orm import Session

from db import audit, notifications, ratelimit, wallets
from db import limits as stored
from db.models import TransactionLimit, Wallet
from domain import errors
from domain import limits as rules
from domain.audit import OVERRIDE_LIMIT
from domain.ledger import HOLD, SEND, TOPUP, WITHDRAW
from domain.limits import ACTIONS, ADMIN, CUSTOM, FIELDS
from services.wallet_state import locked_for_privileged_action
from settings import Settings


def set_own(session: Session, actor: audit.Actor, action: str, values: dict) -> str:
    """Lower the owner's limits for an action; those left out follow the tier."""
    wallet = wallets.own_wallet(session, actor.user_id, for_update=True)
    applicable = stored.applicable_limits(session, wallet.id, (action,))[action]
    if applicable.source == ADMIN:
        raise errors.LimitSetByAdmin()
    if applicable.source == CUSTOM:
        raise errors.LimitAlreadyExists()
    _save_custom(session, actor, None, wallet.id, action,
                 rules.custom_values(applicable.tier_default, {}, values))
    return wallet.id


def change_own(session: Session, actor: audit.Actor, action: str, changes: dict) -> str:
    wallet_id, row = _own_custom_row(session, actor, action)
    tier_default = stored.applicable_limits(session, wallet_id, (action,))[action].tier_default
    _save_custom(session, actor, row, wallet_id, action,
                 rules.custom_values(tier_default, _values_of(row), changes))
    return wallet_id


def remove_own(session: Session, actor: audit.Actor, action: str) -> str:
    wallet_id, _ = _own_custom_row(session, actor, action)
    stored.remove(session, wallet_id, action)
    return wallet_id


def override(session: Session, actor: audit.Actor, wallet_id: str, action: str, values: dict,
             reason: str) -> TransactionLimit:
    """Replaces the owner's custom limits for the action, if any."""
    wallet = locked_for_privileged_action(session, actor, wallet_id)
    tier_default = stored.applicable_limits(session, wallet.id, (action,))[action].tier_default
    row = stored.stored_row(session, wallet.id, action)
    before = stored.row_state(row)
    row = stored.save(session, row, wallet_id=wallet.id, action=action, source=ADMIN,
                      values_=rules.admin_values(tier_default, values), set_by=actor.user_id,
                      reason=reason)
    _record(session, actor, wallet, before, stored.row_state(row), reason)
    return row


def lift_override(session: Session, actor: audit.Actor, wallet_id: str, action: str,
                  reason: str) -> str:
    """The tier defaults apply again; a user's own custom limits are not an override."""
    wallet = locked_for_privileged_action(session, actor, wallet_id)
    row = stored.stored_row(session, wallet.id, action) if action in ACTIONS else None
    if row is None or row.source != ADMIN:
        raise errors.LimitNotFound("This wallet has no override for this action")
    before = stored.row_state(row)
    stored.remove(session, wallet.id, action)
    _record(session, actor, wallet, before, None, reason)
    return wallet.id


def _own_custom_row(session: Session, actor: audit.Actor,
                    action: str) -> tuple[str, TransactionLimit]:
    if action not in ACTIONS:
        raise errors.LimitNotFound(f"Unknown action; use one of {', '.join(ACTIONS)}")
    wallet = wallets.own_wallet(session, actor.user_id, for_update=True)
    row = stored.stored_row(session, wallet.id, action)
    if row is None:
        raise errors.LimitNotFound()
    if row.source == ADMIN:
        raise errors.LimitSetByAdmin()
    return wallet.id, row


def _save_custom(session: Session, actor: audit.Actor, row: TransactionLimit | None,
                 wallet_id: str, action: str, values: dict) -> None:
    stored.save(session, row, wallet_id=wallet_id, action=action, source=CUSTOM,
                values_=values, set_by=actor.user_id)


def _values_of(row: TransactionLimit) -> dict:
    return {name: getattr(row, name) for name in FIELDS}


def _record(session: Session, actor: audit.Actor, wallet: Wallet, before: dict | None,
            after: dict | None, reason: str) -> None:
    audit.record(session, actor, OVERRIDE_LIMIT, "wallet", wallet.id,
                 before=before, after=after, reason=reason)
    action = (after or before)["action"]
    notifications.notify(
        session, wallet.user_id, "limits_changed", "Your limits changed",
        f"VaultPay {'set' if after else 'removed'} a limit override for {action}.",
        {"action": action, "wallet_id": wallet.id},
    )


# What a money call meets before it is accepted: the per-user request rate, the
# per-transaction limit, and daily or monthly limits already broken by completed
# operations. The posting job checks again under the wallet lock (domain/posting.py),
# which is what makes concurrent operations safe; these only refuse early what must fail.
RATE_WINDOW_S = 60
_RATE_SETTING = {SEND: "send_rate_per_minute", TOPUP: "topup_rate_per_minute",
                 WITHDRAW: "withdraw_rate_per_minute", HOLD: "send_rate_per_minute"}


def enforce_request_rate(r: redis_lib.Redis, settings: Settings, kind: str,
                         user_id: uuid.UUID) -> None:
    """Per-user request-rate limit of a money call; raises RateLimited."""
    ratelimit.hit(r, kind, str(user_id), getattr(settings, _RATE_SETTING[kind]), RATE_WINDOW_S)


def check_at_submit(session: Session, settings: Settings, wallet_id: str, kind: str,
                    amount: Decimal) -> None:
    """Per-transaction limit, and daily/monthly limits already visible at submit."""
    stored.enforce(session, wallet_id, kind, amount, stored.business_zone(settings.business_timezone))
