"""Limit checks made before an operation is accepted (issue 3 fills these in)."""
from __future__ import annotations

from decimal import Decimal


def enforce_request_rate(kind: str) -> None:
    """Per-user request-rate limit of a money call; raises RateLimited."""


def check_at_submit(session, wallet, kind: str, amount: Decimal) -> None:
    """Per-transaction limit, and daily/monthly limits already visible at submit."""
