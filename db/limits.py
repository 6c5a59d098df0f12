"""Limit queries (issue 3 fills these in)."""
from __future__ import annotations


def enforce_period_limits(session, operation) -> None:
    """Daily and monthly limits, checked by the posting job inside the posting
    transaction while it holds the wallet row lock; raises DailyLimitExceeded or
    MonthlyLimitExceeded."""
