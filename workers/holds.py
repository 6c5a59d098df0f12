"""The `expire_holds` beat job (API.md section 14): every HOLD_EXPIRY_INTERVAL_S it
records an `expire` operation for each active hold past its expiry and rings the
posting job, which releases the hold through the posting engine like any other
operation (exactly once, whatever redelivers it). A hold therefore stays reserved at
most one interval past its expiry (plus the moment its posting takes); a capture or
void accepted after the expiry is refused meanwhile, so the late run changes nothing
a client could see but the money coming back.

Two beats running at once make each expiry once: its operation has a key of its own.
"""
from __future__ import annotations

import logging

import settings
from services import holds
from workers.app import celery
from workers.base import Task, in_batches
from workers.names import EXPIRE_HOLDS

log = logging.getLogger("vaultpay.holds")
SETTINGS = settings.load()
BATCH = 500


# No retry: the next beat run picks up whatever this one could not finish. Each batch
# commits on its own, so that a long backlog never holds one transaction open.
@celery.task(name=EXPIRE_HOLDS, base=Task, transactional=False, retry_transient=False)
def expire_holds():
    return {"expiring": expire_due(SETTINGS)}


def expire_due(s: settings.Settings, batch: int = BATCH) -> int:
    total = in_batches(s.database_url, batch,
                       lambda session: len(holds.record_expiries(session, batch)))
    if total:
        log.info("holds past their expiry: %d expire operation(s) queued", total)
    return total
