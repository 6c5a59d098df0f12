"""Transaction limits: which limits apply, what a user may set, and when an amount is
refused. Pure arithmetic; the callers load the numbers and the clock.

A wallet's limits for an action start from its KYC tier's defaults. A stored row
(set by the user, `custom`, or by an administrator, `admin`) replaces some or all of
the three values; a field it leaves empty (None) follows the tier default. A user may
only lower limits, so a custom value never counts above the tier default, even after
the tier's defaults were lowered. Lowering one value alone is always accepted, even
below another that stays (a daily limit under the tier's per-transaction default):
the limits that apply are then clamped, so a per-transaction limit is never more
than the daily or monthly one, nor a daily limit more than the monthly one. Days and
months are calendar periods in the business timezone.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from decimal import Decimal
from itertools import pairwise

from domain import errors
from domain.money import format_amount, parse_amount

SEND_MONEY, TOPUP, WITHDRAW = "send_money", "topup", "withdraw"
ACTIONS = (SEND_MONEY, TOPUP, WITHDRAW)
# Operation type -> limited action; refunds are corrections, never limited.
ACTION_OF_OPERATION = {"send": SEND_MONEY, "topup": TOPUP, "withdraw": WITHDRAW}
OPERATION_OF_ACTION = {action: kind for kind, action in ACTION_OF_OPERATION.items()}
# A hold counts as sending money when it is placed (API.md section 14), whatever then
# becomes of it; its capture is not counted again.
ACTION_OF_OPERATION["hold"] = SEND_MONEY
# A bulk payout's item is money its payer sends: it shares the send_money limits with
# the payer's sends and holds, so that payouts are no way around them.
ACTION_OF_OPERATION["payout_item"] = SEND_MONEY
# Every operation type whose amounts use up each action's limits.
TYPES_OF_ACTION = {action: tuple(kind for kind, of in ACTION_OF_OPERATION.items() if of == action)
                   for action in ACTIONS}

DEFAULT, CUSTOM, ADMIN = "default", "custom", "admin"
PER_TRANSACTION, DAILY, MONTHLY = "per_transaction_limit", "daily_limit", "monthly_limit"
FIELDS = (PER_TRANSACTION, DAILY, MONTHLY)


@dataclass(frozen=True)
class Limits:
    per_transaction_limit: Decimal
    daily_limit: Decimal
    monthly_limit: Decimal

    @classmethod
    def parse(cls, mapping: dict) -> "Limits":
        """From a settings value such as {"daily_limit": "10000.00", ...}; ValueError
        if a field is missing, not an amount, or the three are incoherent."""
        try:
            # str(): an operator may have written a JSON number instead of a string.
            limits = cls(**{name: parse_amount(str(mapping[name])) for name in FIELDS})
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a limits value: {mapping!r}") from exc
        if incoherences(limits):
            raise ValueError(f"incoherent limits: {mapping!r}")
        return limits

    def as_dict(self) -> dict[str, Decimal]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class Usage:
    """What completed operations of one action already moved in the current periods."""

    today: Decimal = Decimal("0.00")
    this_month: Decimal = Decimal("0.00")


NOTHING_USED = Usage()


@dataclass(frozen=True)
class Periods:
    day_start: datetime
    month_start: datetime


def action_of(operation_type: str) -> str | None:
    return ACTION_OF_OPERATION.get(operation_type)


def used_by_action(action: str, usage_by_type: dict[str, Usage]) -> Usage:
    """What an action's operation types used together (a send and a hold share the
    send_money limits)."""
    found = [usage_by_type[kind] for kind in TYPES_OF_ACTION[action] if kind in usage_by_type]
    return Usage(today=sum((u.today for u in found), Decimal("0.00")),
                 this_month=sum((u.this_month for u in found), Decimal("0.00")))


def effective(default: Limits, source: str | None, stored: dict[str, Decimal | None]) -> Limits:
    """The limits that apply, given the tier default and a stored row (or none)."""
    if source is None:
        return default
    merged = replace(default, **{name: value for name, value in stored.items() if value is not None})
    if source == CUSTOM:
        merged = lowest(merged, default)
    return clamped(merged)


def clamped(limits: Limits) -> Limits:
    """Each limit capped by the wider ones: the smallest of the three is the most any
    one payment may move."""
    monthly = limits.monthly_limit
    daily = min(limits.daily_limit, monthly)
    return Limits(per_transaction_limit=min(limits.per_transaction_limit, daily),
                  daily_limit=daily, monthly_limit=monthly)


def lowest(first: Limits, second: Limits) -> Limits:
    return Limits(**{name: min(getattr(first, name), getattr(second, name)) for name in FIELDS})


def incoherences(limits: Limits) -> dict[str, list[str]]:
    """Field -> messages when per_transaction <= daily <= monthly does not hold."""
    found: dict[str, list[str]] = {}
    if limits.per_transaction_limit > limits.daily_limit:
        found[PER_TRANSACTION] = [f"Must not exceed the daily limit ({format_amount(limits.daily_limit)})"]
    if limits.daily_limit > limits.monthly_limit:
        found[DAILY] = [f"Must not exceed the monthly limit ({format_amount(limits.monthly_limit)})"]
    return found


def ensure_sent_values_agree(changes: dict[str, Decimal | None]) -> None:
    """Values sent together must not contradict each other (per_transaction <= daily <=
    monthly among those sent); a value sent alone always fits, `clamped` does the rest."""
    sent = [(name, changes[name]) for name in FIELDS if changes.get(name) is not None]
    found = {lower: [f"Must not exceed the {_LABEL[upper]} ({format_amount(high)})"]
             for (lower, low), (upper, high) in pairwise(sent) if low > high}
    if found:
        raise errors.IncoherentLimits(found)


_LABEL = {DAILY: "daily limit", MONTHLY: "monthly limit"}


def ensure_within_maximum(requested: dict[str, Decimal], maximum: Limits) -> None:
    """A user's own values may lower the tier's limits, never raise them."""
    above = {
        name: [f"Must not exceed your tier's maximum ({format_amount(getattr(maximum, name))})"]
        for name, value in requested.items()
        if value is not None and value > getattr(maximum, name)
    }
    if above:
        raise errors.LimitAboveMaximum(details=above)


def refuse(limits: Limits, amount: Decimal, used: Usage = NOTHING_USED) -> None:
    """Raise the limit error `amount` breaks on top of `used`, if any."""
    if amount > limits.per_transaction_limit:
        raise errors.PerTransactionLimitExceeded(details=_breach(limits.per_transaction_limit, None))
    # Monthly first: when both are broken, waiting for tomorrow would not help.
    if used.this_month + amount > limits.monthly_limit:
        raise errors.MonthlyLimitExceeded(details=_breach(limits.monthly_limit, used.this_month))
    if used.today + amount > limits.daily_limit:
        raise errors.DailyLimitExceeded(details=_breach(limits.daily_limit, used.today))


def _breach(limit: Decimal, used: Decimal | None) -> dict[str, str]:
    details = {"limit": format_amount(limit)}
    if used is not None:
        details["used"] = format_amount(used)
        details["remaining"] = format_amount(remaining(limit, used))
    return details


def remaining(limit: Decimal, used: Decimal) -> Decimal:
    return max(limit - used, Decimal("0.00"))


def headroom(limits: Limits, used: Usage) -> tuple[Decimal, Decimal]:
    """How much more may still move (today, this month)."""
    this_month = remaining(limits.monthly_limit, used.this_month)
    return min(remaining(limits.daily_limit, used.today), this_month), this_month


def custom_values(tier_default: Limits, stored: dict[str, Decimal | None],
                  changes: dict[str, Decimal]) -> dict[str, Decimal | None]:
    """A user's stored values after `changes`: refused above the tier maximum, or when
    the values sent contradict each other."""
    ensure_within_maximum(changes, tier_default)
    ensure_sent_values_agree(changes)
    return _capped_by_wider({**stored, **changes})


def _capped_by_wider(values: dict[str, Decimal | None]) -> dict[str, Decimal | None]:
    """A stored value above a wider one it could never reach is stored at that wider
    one (what applies is the same), so the stored row stays coherent for the
    database's checks: a per-transaction value kept from before a lowered daily limit
    comes down with it."""
    capped, ceiling = dict(values), None
    for name in reversed(FIELDS):  # monthly, daily, per-transaction
        value = capped.get(name)
        if value is None:
            continue
        if ceiling is not None and value > ceiling:
            capped[name] = value = ceiling
        ceiling = value
    return capped


def admin_values(tier_default: Limits, changes: dict[str, Decimal]) -> dict[str, Decimal | None]:
    """An administrator's override replaces every value; one left out follows the tier
    (clamped by the values set, like a user's)."""
    ensure_sent_values_agree(changes)
    return {name: changes.get(name) for name in FIELDS}


def periods(now: datetime, zone: tzinfo) -> Periods:
    """Start of the calendar day and month containing `now` (aware) in `zone`."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    local = now.astimezone(zone)
    day_start = datetime(local.year, local.month, local.day, tzinfo=zone)
    return Periods(day_start=day_start, month_start=day_start.replace(day=1))
