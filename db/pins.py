"""Transaction PIN rows: the stored hash and the wrong-PIN counter of each wallet.

The PIN row is always locked before its wallet row (every PIN check takes them in that
order), so PIN checks, resets, unfreezes and lockout expiries cannot deadlock.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db.models import Wallet, WalletPin
from db.session import Lookup
from domain.pin import StoredPin

# Built once (every send and withdrawal runs them): a reused statement keeps its
# memoised cache key.
_PIN_FOR_UPDATE = select(WalletPin).where(WalletPin.wallet_id == bindparam("wallet_id")).with_for_update()
_WALLET_STATE = Lookup(select(Wallet.status, Wallet.freeze_reason, func.now()).where(
    Wallet.id == bindparam("wallet_id")))


def lock(session: Session, wallet_id: str) -> WalletPin | None:
    """The wallet's PIN row, locked: no other PIN attempt on the wallet runs meanwhile."""
    return session.execute(_PIN_FOR_UPDATE, {"wallet_id": wallet_id}).scalar_one_or_none()


_PIN_ROW_FOR_UPDATE = Lookup(select(WalletPin.__table__).where(
    WalletPin.__table__.c.wallet_id == bindparam("wallet_id")).with_for_update())


def lock_row(session: Session, wallet_id: str):
    """`lock`, the row read-only (columns as attributes): a PIN check that changes
    nothing (the usual correct PIN) builds no ORM entity; one that must change the row
    takes it with `get`, already locked."""
    return _PIN_ROW_FOR_UPDATE.one_or_none(session, {"wallet_id": wallet_id})


def get(session: Session, wallet_id: str) -> WalletPin | None:
    return session.get(WalletPin, wallet_id)


def has_pin(session: Session, wallet_id: str) -> bool:
    return session.execute(select(exists().where(WalletPin.wallet_id == wallet_id))).scalar_one()


def wallet_state(session: Session, wallet_id: str) -> tuple[str, str | None, datetime]:
    """The wallet's status and freeze reason, and the database's clock."""
    (status, freeze_reason, now), = _WALLET_STATE.rows(session, {"wallet_id": wallet_id})
    return status, freeze_reason, now


def now(session: Session) -> datetime:
    return session.execute(select(func.now())).scalar_one()


def insert_first(session: Session, wallet_id: str, stored: StoredPin) -> bool:
    """Store the wallet's first PIN; False if it already has one."""
    # DO NOTHING: a concurrent first set may have won since any check the caller made.
    inserted = session.execute(
        pg_insert(WalletPin)
        .values(wallet_id=wallet_id, pin_hash=stored.pin_hash, pin_key_id=stored.key_id)
        .on_conflict_do_nothing().returning(WalletPin.wallet_id)
    ).scalar_one_or_none()
    return inserted is not None


def store_hash(row: WalletPin, stored: StoredPin) -> None:
    row.pin_hash, row.pin_key_id, row.updated_at = stored.pin_hash, stored.key_id, func.now()


def clear_failures(row: WalletPin) -> None:
    row.failed_attempts, row.failed_at = 0, []
