"""Dispute rules: what may be disputed, how a dispute is resolved, and how much of a
transaction may still be refunded.

open -> resolved_rejected | resolved_refund (both terminal). A transaction may be
disputed again after an earlier dispute was resolved, but its refunds together never
exceed its original amount.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from domain import errors
from domain.money import format_amount

OPEN, RESOLVED_REJECTED, RESOLVED_REFUND = "open", "resolved_rejected", "resolved_refund"
STATUSES = (OPEN, RESOLVED_REJECTED, RESOLVED_REFUND)
REJECTED, REFUND = "rejected", "refund"
RESOLUTIONS = {REJECTED: RESOLVED_REJECTED, REFUND: RESOLVED_REFUND}
# Ledger categories of the money a user sent away: the only rows worth disputing.
DISPUTABLE_CATEGORIES = ("transfer", "withdrawal")


def ensure_disputable(category: str, is_debit: bool, created_at: datetime, now: datetime,
                      window_days: int) -> None:
    if not is_debit or category not in DISPUTABLE_CATEGORIES:
        raise errors.TransactionNotDisputable()
    if created_at < now - timedelta(days=window_days):
        raise errors.TransactionNotDisputable(
            f"Transactions can be disputed within {window_days} days")


def ensure_not_fully_refunded(original: Decimal, refunded: Decimal) -> None:
    if refundable(original, refunded) <= 0:
        raise errors.TransactionNotDisputable("This transaction was already refunded in full")


def resolve(status: str, resolution: str) -> str:
    """The status a dispute moves to; only an open dispute can be resolved."""
    if status != OPEN:
        raise errors.DisputeNotOpen()
    return RESOLUTIONS[resolution]


def refundable(original: Decimal, refunded: Decimal) -> Decimal:
    return max(original - refunded, Decimal("0.00"))


def refund_amount(original: Decimal, refunded: Decimal, requested: Decimal | None) -> Decimal:
    """What to refund: what is left by default, or `requested` if it fits."""
    amount = refundable(original, refunded) if requested is None else requested
    ensure_within_refundable(original, refunded, amount)
    return amount


def ensure_within_refundable(original: Decimal, refunded: Decimal, amount: Decimal) -> None:
    left = refundable(original, refunded)
    if amount <= 0 or amount > left:
        raise errors.RefundExceedsRefundable(format_amount(left))
