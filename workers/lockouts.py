"""The `unfreeze_expired_wallets` beat job: a PIN lockout lasts LOCKOUT_HOURS (24 h).

Only freezes whose reason is `pin_lockout` are lifted; a freeze by the owner or an
admin is never touched. Each lifted lockout resets the wrong-PIN counter, writes an
AUTO_UNFREEZE audit row (actor: the system) and tells the owner, all in the
transaction that unfreezes. Two beats running at once split the work: rows are taken
with SKIP LOCKED, and one whose lock is held elsewhere waits for the next run.
"""
from __future__ import annotations

import logging

import settings
from services import wallet_state
from workers.app import celery
from workers.base import Task, in_batches
from workers.names import UNFREEZE_EXPIRED_WALLETS

log = logging.getLogger("vaultpay.lockouts")
SETTINGS = settings.load()
BATCH = 200


# No retry: the next beat run picks up whatever this one could not finish. Each batch
# commits on its own, so that a long backlog never holds one transaction open.
@celery.task(name=UNFREEZE_EXPIRED_WALLETS, base=Task, transactional=False,
             retry_transient=False)
def unfreeze_expired_wallets():
    return {"unfrozen": unfreeze_expired(SETTINGS)}


def unfreeze_expired(s: settings.Settings, batch: int = BATCH) -> int:
    total = in_batches(s.database_url, batch, lambda session: wallet_state.end_expired_lockouts(
        session, s.lockout_hours, batch))
    if total:
        log.info("pin lockouts lifted: %d wallet(s)", total)
    return total
