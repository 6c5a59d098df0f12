"""Transaction limits in the database: the limits that apply to a wallet, what it has
used, and the stored custom and admin rows. Functions take the caller's session and
never commit.

The posting job loads limits and usage (`applicable_limits_of`, `usage_of`) inside the
posting transaction, after locking the wallet rows. Postings of one wallet are
therefore serial, and each one's usage sum (a new statement, so a fresh snapshot under
READ COMMITTED) sees every posting committed before it: concurrent operations can never
together pass a limit.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import ARRAY, Text, and_, bindparam, delete, func, select, text, true
from sqlalchemy.orm import Session

import settings
from db import paging
from db.models import SystemSetting, TransactionLimit, Wallet
from db.session import Lookup, core
from db.system_settings import tier_limits_key_sql
from domain import limits as rules
from domain.limits import ACTIONS, DEFAULT, FIELDS, Limits, Usage
from domain.tier_limits import tier_limits


@dataclass(frozen=True)
class Applicable:
    """The limits of one wallet and action, and where they come from."""

    action: str
    tier_default: Limits
    source: str
    limits: Limits
    now: datetime  # the database's clock, the one finished_at is written with


def enforce(session: Session, wallet_id: str, operation_type: str, amount: Decimal,
            zone: ZoneInfo) -> None:
    action = rules.action_of(operation_type)
    if action is None:
        return
    applicable = applicable_limits(session, wallet_id, (action,))[action]
    rules.refuse(applicable.limits, amount)  # the amount alone: no need to sum usage
    periods = rules.periods(applicable.now, zone)
    # A send and a hold use the same send_money limits.
    used = rules.used_by_action(action, usage(session, wallet_id, rules.TYPES_OF_ACTION[action],
                                              periods))
    rules.refuse(applicable.limits, amount, used)


@lru_cache(maxsize=None)
def business_zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@lru_cache(maxsize=1)
def process_zone() -> ZoneInfo:
    # The environment is fixed for the life of a worker process; a posting should
    # not pay for re-reading every setting.
    return business_zone(settings.load().business_timezone)


def applicable_limits(session: Session, wallet_id: str,
                      actions: tuple[str, ...] = ACTIONS) -> dict[str, Applicable]:
    """One query: the wallet's tier, its tier settings and stored rows, and the clock."""
    found = applicable_limits_of(session, [wallet_id], actions)
    return {action: applicable for (_, action), applicable in found.items()}


def _applicable_limits_statement():
    # unnest of bound arrays rather than VALUES and IN lists: one statement for any
    # number of wallets and actions, built once, so that neither its compilation nor
    # its cache key is derived again on every request and batch.
    requested = func.unnest(bindparam("actions", type_=ARRAY(Text))
                            ).table_valued("action").render_derived(name="requested")
    return (
        select(Wallet.id.label("wallet_id"), requested.c.action, Wallet.kyc_tier,
               SystemSetting.value, TransactionLimit.source,
               *(getattr(TransactionLimit, name) for name in FIELDS), func.now().label("now"))
        .select_from(Wallet)
        .join(requested, true())
        .outerjoin(SystemSetting,
                   SystemSetting.key == tier_limits_key_sql(Wallet.kyc_tier, requested.c.action))
        .outerjoin(TransactionLimit, and_(TransactionLimit.wallet_id == Wallet.id,
                                          TransactionLimit.action == requested.c.action))
        .where(Wallet.id == func.any(bindparam("wallet_ids", type_=ARRAY(Text))))
    )


_APPLICABLE_LIMITS = Lookup(_applicable_limits_statement())


def applicable_limits_of(session: Session, wallet_ids: list[str],
                         actions: tuple[str, ...]) -> dict[tuple[str, str], Applicable]:
    """`applicable_limits` of many wallets in one query, keyed by (wallet, action)."""
    rows = _APPLICABLE_LIMITS.rows(session, {"wallet_ids": list(wallet_ids), "actions": list(actions)})
    return {(row.wallet_id, row.action): _applicable(row) for row in rows}


def _applicable(row) -> Applicable:
    tier_default = tier_limits(row.kyc_tier, row.action, row.value)
    stored = {name: getattr(row, name) for name in FIELDS}
    return Applicable(
        action=row.action, tier_default=tier_default, source=row.source or DEFAULT,
        limits=rules.effective(tier_default, row.source, stored), now=row.now,
    )


# The status is a literal, not a parameter, so that the planner can always use the
# partial index operations_limit_usage (a generic plan could not).
_USAGE = Lookup(text("""
    SELECT type,
           coalesce(sum(amount) FILTER (WHERE finished_at >= :day_start), 0) AS today,
           coalesce(sum(amount), 0) AS this_month
    FROM operations
    WHERE wallet_id = :wallet_id AND type = ANY(:types) AND status = 'completed'
      AND finished_at >= :month_start
    GROUP BY type
"""))


def usage(session: Session, wallet_id: str, operation_types: tuple[str, ...],
          periods: rules.Periods) -> dict[str, Usage]:
    """What completed operations of these types moved today and this month."""
    rows = _USAGE.rows(session, {
        "wallet_id": wallet_id, "types": list(operation_types),
        "day_start": periods.day_start, "month_start": periods.month_start,
    })
    found = {row.type: Usage(today=row.today, this_month=row.this_month) for row in rows}
    return {kind: found.get(kind, rules.NOTHING_USED) for kind in operation_types}


_USAGE_OF_WALLETS = text("""
    SELECT wallet_id, type,
           coalesce(sum(amount) FILTER (WHERE finished_at >= :day_start), 0) AS today,
           coalesce(sum(amount), 0) AS this_month
    FROM operations
    WHERE wallet_id = ANY(:wallet_ids) AND type = ANY(:types) AND status = 'completed'
      AND finished_at >= :month_start
    GROUP BY wallet_id, type
""")


def usage_of(session: Session, wallet_ids: list[str], operation_types: tuple[str, ...],
             periods: rules.Periods) -> dict[tuple[str, str], Usage]:
    """`usage` of many wallets in one query, keyed by (wallet, operation type); pairs
    with nothing completed are absent."""
    rows = core(session).execute(_USAGE_OF_WALLETS, {
        "wallet_ids": wallet_ids, "types": list(operation_types),
        "day_start": periods.day_start, "month_start": periods.month_start,
    }).all()
    return {(row.wallet_id, row.type): Usage(today=row.today, this_month=row.this_month)
            for row in rows}


# --- stored rows --------------------------------------------------------------------
def stored_row(session: Session, wallet_id: str, action: str) -> TransactionLimit | None:
    return session.execute(
        select(TransactionLimit).where(TransactionLimit.wallet_id == wallet_id,
                                       TransactionLimit.action == action)
    ).scalar_one_or_none()


def save(session: Session, row: TransactionLimit | None, *, wallet_id: str, action: str,
         source: str, values_: dict[str, Decimal | None], set_by: uuid.UUID,
         reason: str | None = None) -> TransactionLimit:
    """Create or change the wallet's row for this action. The caller holds the wallet
    row lock, so no concurrent writer can insert the same (wallet, action)."""
    if row is None:
        row = TransactionLimit(id=uuid.uuid4(), wallet_id=wallet_id, action=action)
        session.add(row)
    row.source, row.set_by, row.reason = source, set_by, reason
    for name, value in values_.items():
        setattr(row, name, value)
    row.updated_at = func.now()
    session.flush()
    session.refresh(row)  # load the database's timestamps while the session is open
    return row


def remove(session: Session, wallet_id: str, action: str) -> None:
    session.execute(delete(TransactionLimit).where(TransactionLimit.wallet_id == wallet_id,
                                                   TransactionLimit.action == action))


def page(session: Session, *, wallet_id: str | None, source: str | None, action: str | None,
         page: int, per_page: int) -> tuple[list[TransactionLimit], int]:
    query = select(TransactionLimit)
    if wallet_id:
        query = query.where(TransactionLimit.wallet_id == wallet_id)
    if source:
        query = query.where(TransactionLimit.source == source)
    if action:
        query = query.where(TransactionLimit.action == action)
    order = (TransactionLimit.updated_at.desc(), TransactionLimit.id)
    rows, total = paging.page_of(session, query, order, page, per_page)
    return list(rows.scalars().all()), total


def row_state(row: TransactionLimit | None) -> dict | None:
    """A stored row as an audit before/after state."""
    if row is None:
        return None
    return {"action": row.action, "source": row.source, "reason": row.reason,
            **{name: None if getattr(row, name) is None else str(getattr(row, name))
               for name in FIELDS}}
