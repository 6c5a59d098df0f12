"""Wallet rows for the wallet and PIN endpoints. Functions take the request's session
and never commit."""
from __future__ import annotations

import uuid

from sqlalchemy import bindparam, exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db.models import User, Wallet, WalletPin
from domain import errors
from domain.wallets import new_wallet_id

_ID_ATTEMPTS = 5


# Built once (every money call reads the caller's wallet): a reused statement keeps its
# memoised cache key.
_OWN = select(Wallet).where(Wallet.user_id == bindparam("user_id"))
_OWN_FOR_UPDATE = _OWN.with_for_update()
_BY_ID = select(Wallet).where(Wallet.id == bindparam("id"))


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


def has_pin(session: Session, wallet_id: str) -> bool:
    return session.execute(select(exists().where(WalletPin.wallet_id == wallet_id))).scalar_one()


def public_wallet(session: Session, wallet_id: str) -> tuple[Wallet, str]:
    """Any wallet by id, closed ones included, with its owner's full name."""
    row = session.execute(
        select(Wallet, User.full_name).join(User, User.id == Wallet.user_id)
        .where(Wallet.id == wallet_id)
    ).one_or_none()
    if row is None:
        raise errors.WalletNotFound()
    return row.Wallet, row.full_name
