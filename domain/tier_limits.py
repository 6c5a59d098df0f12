"""The limits of each KYC tier: the defaults in code, and how a stored setting is read.

Limits per KYC tier are system settings with the key `limits.tier<N>.<action>` and the
value `{"per_transaction_limit": "2000.00", "daily_limit": "5000.00",
"monthly_limit": "10000.00"}` (the migration 0004 seeds the same numbers; its docstring
explains them). A missing or unreadable value falls back to the default here (an
unreadable one is logged), so a malformed value can never remove a limit.
"""
from __future__ import annotations

import logging
from decimal import Decimal

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


def limits_key(tier: int, action: str) -> str:
    """The system setting that holds a tier's limits for one action."""
    return f"limits.tier{tier}.{action}"


def tier_limits(tier: int, action: str, stored: object | None) -> Limits:
    """The tier's limits from its stored settings value, else the default in code."""
    if stored is not None:
        try:
            return Limits.parse(stored)
        except ValueError:
            log.warning("ignoring unreadable setting %s", limits_key(tier, action))
    return default_tier_limits(tier, action)


def default_tier_limits(tier: int, action: str) -> Limits:
    # A tier above the highest known one gets the highest known defaults.
    known = max((t for t in TIER_LIMIT_DEFAULTS if t <= tier), default=0)
    return TIER_LIMIT_DEFAULTS[known][action]
