"""Typed system settings: their keys, how a stored value is read, and the default in
code for each.

Settings are read where they are used, on every request or job (db/limits.py joins
the tier's row into its one lookup), so an operator's change takes effect without a
restart. A missing or unreadable row falls back to the default here (an unreadable
one is logged), so a malformed value can never remove a limit.

Limits per KYC tier: key `limits.tier<N>.<action>`, value
`{"per_transaction_limit": "2000.00", "daily_limit": "5000.00", "monthly_limit": "10000.00"}`
(the migration 0004 seeds the same numbers; its docstring explains them).
"""
from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy import ColumnElement, String, cast, literal

from domain.limits import SEND_MONEY, TOPUP, WITHDRAW, Limits

log = logging.getLogger("vaultpay.settings")


def _limits(per: str, daily: str, monthly: str) -> Limits:
    return Limits(Decimal(per), Decimal(daily), Decimal(monthly))


TIER_LIMIT_DEFAULTS: dict[int, dict[str, Limits]] = {
    0: {SEND_MONEY: _limits("2000.00", "5000.00", "10000.00"),
        TOPUP: _limits("5000.00", "10000.00", "10000.00"),
        WITHDRAW: _limits("1000.00", "2000.00", "5000.00")},
    1: {SEND_MONEY: _limits("25000.00", "100000.00", "200000.00"),
        TOPUP: _limits("50000.00", "100000.00", "200000.00"),
        WITHDRAW: _limits("25000.00", "50000.00", "200000.00")},
    2: {SEND_MONEY: _limits("100000.00", "200000.00", "1000000.00"),
        TOPUP: _limits("200000.00", "200000.00", "1000000.00"),
        WITHDRAW: _limits("100000.00", "200000.00", "1000000.00")},
}


def tier_limits_key(tier: int, action: str) -> str:
    return f"limits.tier{tier}.{action}"


def tier_limits_key_sql(tier: ColumnElement, action: ColumnElement) -> ColumnElement:
    """`tier_limits_key` as SQL, for joining a wallet's tier to its settings row."""
    return literal("limits.tier") + cast(tier, String) + literal(".") + action


def tier_limits(tier: int, action: str, stored: object | None) -> Limits:
    """The tier's limits from its stored settings value, else the default in code."""
    if stored is not None:
        try:
            return Limits.parse(stored)
        except ValueError:
            log.warning("ignoring unreadable setting %s", tier_limits_key(tier, action))
    return default_tier_limits(tier, action)


def default_tier_limits(tier: int, action: str) -> Limits:
    # A tier above the highest known one gets the highest known defaults.
    known = max((t for t in TIER_LIMIT_DEFAULTS if t <= tier), default=0)
    return TIER_LIMIT_DEFAULTS[known][action]

