"""The `unfreeze_expired_wallets` beat job: a PIN lockout lasts LOCKOUT_HOURS (24 h).

Only freezes whose reason is `pin_lockout` are lifted; a freeze by the owner or an
admin is never touched. Each lifted lockout resets the wrong-PIN counter, writes an
AUTO_UNFREEZE audit row (actor: the system) and tells the owner, all in the
transaction that unfreezes. Two beats running at once split the work: rows are taken
with SKIP LOCKED, and one whose lock is held elsewhere waits for the next run.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import settings
from db import audit
from db.models import Wallet, WalletPin
from db.notifications import notify
from db.session import unit_of_work
from domain import wallets as rules
from domain.audit import AUTO_UNFREEZE
from workers.app import celery

log = logging.getLogger("vaultpay.lockouts")
SETTINGS = settings.load()
BATCH = 200


@celery.task(name="workers.unfreeze_expired_wallets")
def unfreeze_expired_wallets():
    # No retry: the next beat run picks up whatever this one could not finish.
    return {"unfrozen": unfreeze_expired(SETTINGS)}


def unfreeze_expired(s: settings.Settings, batch: int = BATCH) -> int:
    total = 0
    while True:
        with unit_of_work(s.database_url) as session:
            done = _unfreeze_batch(session, s.lockout_hours, batch)
        total += done
        if done < batch:
            break
    if total:
        log.info("pin lockouts lifted: %d wallet(s)", total)
    return total


def _unfreeze_batch(session: Session, hours: float, batch: int) -> int:
    # PIN row and wallet row are locked together, never waiting for either (SKIP
    # LOCKED), so this cannot deadlock with a PIN check, a reset or an admin unfreeze.
    rows = session.execute(
        select(Wallet, WalletPin).join(WalletPin, WalletPin.wallet_id == Wallet.id)
        .where(Wallet.status == rules.FROZEN, Wallet.freeze_reason == rules.PIN_LOCKOUT,
               Wallet.frozen_at < func.now() - timedelta(hours=hours))
        .order_by(Wallet.frozen_at).limit(batch)
        .with_for_update(skip_locked=True, of=[Wallet, WalletPin])
    ).all()
    for wallet, pin in rows:
        _lift(session, wallet, pin, hours)
    return len(rows)


def _lift(session: Session, wallet: Wallet, pin: WalletPin, hours: float) -> None:
    before = {"status": wallet.status, "freeze_reason": wallet.freeze_reason,
              "frozen_at": wallet.frozen_at.isoformat(), "failed_attempts": pin.failed_attempts}
    change = rules.unfreeze(wallet.status, wallet.freeze_reason, by=rules.PIN_LOCKOUT)
    wallet.status, wallet.freeze_reason = change.status, change.freeze_reason
    wallet.frozen_at, wallet.updated_at = None, func.now()
    pin.failed_attempts = 0
    audit.record(session, audit.SYSTEM, AUTO_UNFREEZE, "wallet", wallet.id, before=before,
                 after={"status": change.status, "freeze_reason": None, "failed_attempts": 0},
                 reason=f"PIN lockout ended after {hours:g} hours")
    notify(session, wallet.user_id, "wallet_unfrozen", "Your wallet is active again",
           f"The {hours:g}-hour lock after too many wrong PIN attempts has ended. "
           "You can use your PIN again.", {"wallet_id": wallet.id})
