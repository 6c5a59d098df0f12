"""System settings in SQL: the key of a tier's limits as an expression, so that one
lookup joins a wallet's tier to its settings row (db/limits.py).

The keys, the defaults and how a stored value is read are business rules and live in
domain/tier_limits.py; settings are read where they are used, on every request or job,
so an operator's change takes effect without a restart.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, String, cast, literal


def tier_limits_key_sql(tier: ColumnElement, action: ColumnElement) -> ColumnElement:
    """`domain.tier_limits.limits_key` as SQL."""
    return literal("limits.tier") + cast(tier, String) + literal(".") + action
