"""Oversight an administrator starts: a ledger reconciliation run now."""
from __future__ import annotations

from sqlalchemy.orm import Session

from db import audit, outbox, reconciliation
from workers.names import RECONCILE_LEDGER


def start_reconciliation(session: Session, actor: audit.Actor):
    """Record a manual run and its job in one transaction; the `reconcile_ledger` job
    checks the four ledger invariants (after any run already checking)."""
    run = reconciliation.request_run(session, "manual", actor.user_id)
    outbox.enqueue_after_commit(session, RECONCILE_LEDGER, [str(run["run_id"])],
                                {"request_id": actor.request_id})
    return run
