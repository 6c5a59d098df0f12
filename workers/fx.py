"""The `purge_fx_quotes` beat job: every FX_QUOTE_PURGE_INTERVAL_S it deletes the quotes
that expired more than FX_QUOTE_RETENTION_H ago and paid nothing (services/fx.py). A
used quote stays with the send it paid; one an unfinished send carries stays until
that send is posted. Two beats running at once split the rows (SKIP LOCKED).
"""
from __future__ import annotations

import logging

import settings
from services import fx
from workers.app import celery
from workers.base import Task, in_batches
from workers.names import PURGE_FX_QUOTES

log = logging.getLogger("vaultpay.fx")
SETTINGS = settings.load()
BATCH = 1000


# No retry: the next beat run picks up whatever this one could not finish. Each batch
# commits on its own, so that a long backlog never holds one transaction open.
@celery.task(name=PURGE_FX_QUOTES, base=Task, transactional=False, retry_transient=False)
def purge_fx_quotes():
    return {"purged": purge_expired(SETTINGS)}


def purge_expired(s: settings.Settings, batch: int = BATCH) -> int:
    total = in_batches(s.database_url, batch,
                       lambda session: fx.purge_expired_quotes(session, s, batch))
    if total:
        log.info("fx quotes purged: %d expired and unused", total)
    return total
