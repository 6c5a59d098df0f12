"""Read-only queries of the admin console: every wallet, every ledger row, every
operation, and the back-office statistics (aggregated in SQL, never row by row)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import exists, false, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db import paging
from db.models import LedgerEntry, Operation, SystemSetting, User, Wallet, WalletPin
from db.transactions import NEWEST_FIRST, TRANSACTION_VIEW, HistoryFilter, filtered
from domain import calendar, settings_catalog
from domain.ledger import OPERATION_TYPES
from domain.settings_catalog import SettingSpec

_PIN_SET = exists().where(WalletPin.wallet_id == Wallet.id).label("pin_set")
_WALLETS = select(Wallet, User.email.label("owner_email"), _PIN_SET).join(
    User, User.id == Wallet.user_id)


@dataclass(frozen=True)
class AdminWallet:
    wallet: Wallet
    owner_email: str
    pin_set: bool


# --- wallets --------------------------------------------------------------------------
def wallet_page(session: Session, *, status: str | None, kyc_verified: bool | None,
                user_id: uuid.UUID | None, page: int, per_page: int,
                owner_email_contains: str | None = None) -> tuple[list[AdminWallet], int]:
    """`owner_email_contains`: a case-insensitive part of the owner's address (the
    console's wallet search)."""
    query = _WALLETS
    if owner_email_contains:
        query = query.where(User.email.contains(owner_email_contains.lower(), autoescape=True))
    if status:
        query = query.where(Wallet.status == status)
    if kyc_verified is not None:
        query = query.where(Wallet.kyc_verified == kyc_verified)
    if user_id:
        query = query.where(Wallet.user_id == user_id)
    rows, total = paging.page_of(session, query, (Wallet.created_at.desc(), Wallet.id), page, per_page)
    return [AdminWallet(*row) for row in rows], total


def admin_wallet(session: Session, wallet_id: str) -> AdminWallet | None:
    row = session.execute(_WALLETS.where(Wallet.id == wallet_id)).one_or_none()
    return None if row is None else AdminWallet(*row)


# --- ledger rows and operations -------------------------------------------------------
@dataclass(frozen=True)
class TransactionFilter(HistoryFilter):
    status: str | None = None
    wallet_id: str | None = None


def transaction_page(session: Session, filters: TransactionFilter, timezone: str,
                     page: int, per_page: int) -> tuple[list, int]:
    # System-account legs are bookkeeping, not anybody's transaction.
    query = filtered(TRANSACTION_VIEW.where(LedgerEntry.wallet_id.is_not(None)), filters, ZoneInfo(timezone))
    if filters.wallet_id:
        query = query.where(LedgerEntry.wallet_id == filters.wallet_id)
    # Only completed operations post rows, so the view holds nothing else to match.
    if filters.status and filters.status != "completed":
        query = query.where(false())
    rows, total = paging.page_of(session, query, NEWEST_FIRST, page, per_page)
    return list(rows.mappings()), total


def operation_page(session: Session, *, status: str | None, type_: str | None,
                   user_id: uuid.UUID | None, wallet_id: str | None,
                   page: int, per_page: int) -> tuple[list[Operation], int]:
    query = select(Operation)
    for column, value in ((Operation.status, status), (Operation.type, type_),
                          (Operation.user_id, user_id), (Operation.wallet_id, wallet_id)):
        if value is not None:
            query = query.where(column == value)
    rows, total = paging.page_of(session, query, (Operation.created_at.desc(), Operation.id), page, per_page)
    return list(rows.scalars()), total


# --- statistics -----------------------------------------------------------------------
OPERATION_STATUSES = ("queued", "processing", "completed", "failed")


def stats(session: Session) -> dict:
    """Every figure is an aggregate computed by PostgreSQL."""
    return {
        "total_users": user_count(session),
        **wallet_counts(session),
        **completed_volume(session),
        **optional_counts(session),
        "operations_by_status": operations_by_status(session),
    }


def wallet_counts(session: Session) -> dict[str, int]:
    row = session.execute(select(
        func.count().label("total_wallets"),
        func.count().filter(Wallet.status == "active").label("active_wallets"),
        func.count().filter(Wallet.status == "frozen").label("frozen_wallets"),
        func.count().filter(Wallet.status == "closed").label("closed_wallets"),
    )).one()
    return dict(row._mapping)


def completed_volume(session: Session) -> dict:
    """Completed operations' amounts summed by type, per currency
    (`transaction_volume_by_currency`, every type in each currency that has any) and
    across currencies (`total_transaction_volume`, the field API.md names): once wallets
    hold more than one currency, only the first adds like to like."""
    rows = session.execute(
        select(Operation.currency, Operation.type, func.sum(Operation.amount))
        .where(Operation.status == "completed").group_by(Operation.currency, Operation.type))
    total = _zero_by_type()
    by_currency: dict[str, dict[str, Decimal]] = {}
    for currency, kind, amount in rows.all():
        by_currency.setdefault(currency, _zero_by_type())[kind] = amount
        total[kind] += amount
    return {"total_transaction_volume": total, "transaction_volume_by_currency": by_currency}


def _zero_by_type() -> dict[str, Decimal]:
    return dict.fromkeys(OPERATION_TYPES, Decimal("0.00"))


def operations_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(Operation.status, func.count()).group_by(Operation.status))
    return {**dict.fromkeys(OPERATION_STATUSES, 0), **dict(rows.all())}


def user_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(User)).scalar_one()


# Tables of features built alongside this one; until their migration runs, 0.
_OPTIONAL_COUNTS = {
    "pending_kyc_count": ("kyc_submissions", "status = 'pending'"),
    "open_disputes": ("disputes", "status = 'open'"),
}


def optional_counts(session: Session) -> dict[str, int]:
    return {name: _count_if_table(session, table, where)
            for name, (table, where) in _OPTIONAL_COUNTS.items()}


def _count_if_table(session: Session, table: str, where: str) -> int:
    present = session.execute(
        text("SELECT to_regclass(:name) IS NOT NULL"), {"name": f"public.{table}"}).scalar_one()
    if not present:
        return 0
    # Both names are constants of this module, never client input.
    return session.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar_one()


def daily_volume(session: Session, first_day: date, timezone: str) -> list[dict]:
    """Completed operations per business day (by when they finished) and currency, from
    `first_day` on: `day`, `currency`, `volume` (the sum of their amounts, as
    `total_transaction_volume` counts it) and `operations`. Days without any are absent.

    Like the statistics, it reads the operations table itself: a range of finished
    operations with no index of its own, acceptable for a console page opened by hand.
    """
    day = func.date(func.timezone(timezone, Operation.finished_at))
    rows = session.execute(
        select(day.label("day"), Operation.currency, func.sum(Operation.amount).label("volume"),
               func.count().label("operations"))
        .where(Operation.status == "completed",
               Operation.finished_at >= calendar.start_of(first_day, ZoneInfo(timezone)))
        .group_by(day, Operation.currency).order_by(day, Operation.currency))
    return [dict(row) for row in rows.mappings()]


# --- system settings ------------------------------------------------------------------
def settings_catalogue() -> dict[str, SettingSpec]:
    return settings_catalog.build()


def stored_settings(session: Session) -> dict[str, SystemSetting]:
    return {row.key: row for row in session.execute(select(SystemSetting)).scalars()}


def setting_for_update(session: Session, key: str) -> SystemSetting | None:
    # The advisory lock serialises writers of one key even before its row exists, so
    # the audit row's `before` is exactly the value the write replaced.
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                    {"name": f"vp:setting:{key}"})
    return session.execute(
        select(SystemSetting).where(SystemSetting.key == key).with_for_update()
    ).scalar_one_or_none()


def store_setting(session: Session, key: str, value: object, user_id: uuid.UUID) -> SystemSetting:
    changes = {"value": value, "updated_by": user_id, "updated_at": func.now()}
    session.execute(
        pg_insert(SystemSetting).values(key=key, **changes)
        .on_conflict_do_update(index_elements=[SystemSetting.key], set_=changes))
    return session.execute(
        select(SystemSetting).where(SystemSetting.key == key)
        .execution_options(populate_existing=True)
    ).scalar_one()
