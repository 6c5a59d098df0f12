"""Wallet rows: find, create, lock and change them. Functions take the caller's session
and never commit."""
from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import bindparam, exists, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db.models import User, Wallet, WalletPin
from db.session import Lookup
from domain import errors
from domain import wallets as rules
from domain.wallets import new_wallet_id

_ID_ATTEMPTS = 5


# Built once (every money call reads the caller's wallet): a reused statement keeps its
# memoised cache key.
_OWN = select(Wallet).where(Wallet.user_id == bindparam("user_id"))
_OWN_FOR_UPDATE = _OWN.with_for_update()
_BY_ID = select(Wallet).where(Wallet.id == bindparam("id"))


# A money call's two wallets in one round trip, as rows (no ORM entities: nothing is
# changed through them).
_OWN_AND_OTHER = Lookup(select(Wallet.__table__).where(
    or_(Wallet.user_id == bindparam("user_id"), Wallet.id == bindparam("other_id"))))


def own_and_other(session: Session, user_id: uuid.UUID, other_id: str | None) -> tuple:
    """The caller's wallet and the wallet `other_id` (None if there is none), as
    read-only rows (columns as attributes), in one statement; raises WalletNotFound
    for the caller's."""
    rows = _OWN_AND_OTHER.rows(session, {"user_id": user_id, "other_id": other_id})
    own = next((row for row in rows if row.user_id == user_id), None)
    if own is None:
        raise errors.WalletNotFound()
    other = next((row for row in rows if other_id is not None and row.id == other_id), None)
    return own, other


def own_wallet(session: Session, user_id: uuid.UUID, *, for_update: bool = False) -> Wallet:
    """The caller's wallet; locked when it is about to change state, so that a
    concurrent posting cannot interleave."""
    query = _OWN_FOR_UPDATE if for_update else _OWN
    wallet = session.execute(query, {"user_id": user_id}).scalar_one_or_none()
    if wallet is None:
        raise errors.WalletNotFound()
    return wallet


def wallet_by_id(session: Session, wallet_id: str) -> Wallet | None:
    return session.execute(_BY_ID, {"id": wallet_id}).scalar_one_or_none()


def own_wallet_id(session: Session, user_id: uuid.UUID) -> str:
    wallet_id = session.execute(
        select(Wallet.id).where(Wallet.user_id == user_id)
    ).scalar_one_or_none()
    if wallet_id is None:
        raise errors.WalletNotFound()
    return wallet_id


def create_wallet(session: Session, user_id: uuid.UUID, currency: str) -> Wallet:
    for _ in range(_ID_ATTEMPTS):
        # DO NOTHING covers both unique keys: a concurrent first wallet of this user
        # (we wait for it to commit, then see it) and a wallet id already taken.
        wallet_id = session.execute(
            pg_insert(Wallet)
            .values(id=new_wallet_id(), user_id=user_id, currency=currency)
            .on_conflict_do_nothing()
            .returning(Wallet.id)
        ).scalar_one_or_none()
        if wallet_id is not None:
            return session.get(Wallet, wallet_id)
        if _has_wallet(session, user_id):
            raise errors.WalletAlreadyExists()
    raise RuntimeError("could not find a free wallet id")


def _has_wallet(session: Session, user_id: uuid.UUID) -> bool:
    return session.execute(select(exists().where(Wallet.user_id == user_id))).scalar_one()


def public_wallet(session: Session, wallet_id: str) -> tuple[Wallet, str]:
    """Any wallet by id, closed ones included, with its owner's full name."""
    row = session.execute(
        select(Wallet, User.full_name).join(User, User.id == Wallet.user_id)
        .where(Wallet.id == wallet_id)
    ).one_or_none()
    if row is None:
        raise errors.WalletNotFound()
    return row.Wallet, row.full_name


def for_update(session: Session, wallet_id: str) -> Wallet | None:
    return session.get(Wallet, wallet_id, with_for_update=True)


def apply(wallet: Wallet, change: rules.Transition) -> None:
    """Write a transition the wallet state machine (domain/wallets.py) decided."""
    wallet.status = change.status
    wallet.freeze_reason = change.freeze_reason
    # frozen_at dates the current freeze; the lockout expiry counts from it.
    wallet.frozen_at = func.now() if change.status == rules.FROZEN else None
    wallet.updated_at = func.now()


def expired_lockouts_for_update(session: Session, hours: float,
                                batch: int) -> list[tuple[Wallet, WalletPin]]:
    """Up to `batch` wallets whose PIN lockout is older than `hours`, with their PIN rows.

    Both rows are locked together, never waiting for either (SKIP LOCKED), so this
    cannot deadlock with a PIN check, a reset or an admin unfreeze.
    """
    rows = session.execute(
        select(Wallet, WalletPin).join(WalletPin, WalletPin.wallet_id == Wallet.id)
        .where(Wallet.status == rules.FROZEN, Wallet.freeze_reason == rules.PIN_LOCKOUT,
               Wallet.frozen_at < func.now() - timedelta(hours=hours))
        .order_by(Wallet.frozen_at).limit(batch)
        .with_for_update(skip_locked=True, of=[Wallet, WalletPin])
    ).all()
    return [(wallet, pin) for wallet, pin in rows]


def mark_verified(wallet: Wallet, tier: int) -> None:
    """KYC approved: the wallet is verified and at least at `tier` (never lowered)."""
    wallet.kyc_verified = True
    wallet.kyc_tier = max(wallet.kyc_tier, tier)
    wallet.updated_at = func.now()
