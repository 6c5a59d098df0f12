"""The `reconcile_ledger` job: check the four ledger invariants in one consistent
snapshot, record the run, and make a broken invariant loud (an alert row, an ERROR log
line and a metric).

Runs never overlap: a transaction-scoped advisory lock guards the check. A scheduled
run that finds the lock taken skips (the running one covers it); a run an admin
requested waits for its turn, so it always ends with a result.
"""
from __future__ import annotations

import logging
import random
import uuid

from prometheus_client import Counter, Gauge

from db import reconciliation
from domain.reconciliation import Violation, counts_by_invariant
from workers.app import celery
from workers.base import Task
from workers.names import RECONCILE_LEDGER

log = logging.getLogger("vaultpay.reconcile")

VIOLATIONS = Gauge("vaultpay_reconciliation_violations",
                   "Violations of each ledger invariant found by the last reconciliation run",
                   ["invariant"], multiprocess_mode="mostrecent")
RUNS = Counter("vaultpay_reconciliation_runs",
               "Reconciliation runs by outcome (ok, violations, skipped)", ["outcome"])

class ReconciliationBusy(Exception):
    """Raised when another run holds the reconciliation lock."""


def reconcile(session, run_id: uuid.UUID | None = None):
    """Check the ledger in the caller's REPEATABLE READ transaction; returns the
    finished run, or None when skipped.

    `run_id` names a run an admin requested (raises ReconciliationBusy while another
    run is checking); without it, this is a scheduled run.
    """
    if not reconciliation.try_lock(session):
        return _busy(run_id)
    run = _claim(session, run_id)
    if run is None:
        return None
    violations = reconciliation.find_violations(session)
    finished = reconciliation.finish_run(session, run["run_id"], violations)
    _report(finished["run_id"], violations)
    return finished


def _busy(run_id: uuid.UUID | None) -> None:
    if run_id is not None:
        raise ReconciliationBusy(str(run_id))
    RUNS.labels("skipped").inc()
    log.info("reconciliation skipped: another run holds the lock")
    return None


def _claim(session, run_id: uuid.UUID | None):
    if run_id is None:
        return reconciliation.request_run(session, "schedule")
    # None for a run already finished: the message was delivered twice.
    return reconciliation.pending_run(session, run_id)


def _report(run_id: uuid.UUID, violations: list[Violation]) -> None:
    for invariant, count in counts_by_invariant(violations).items():
        VIOLATIONS.labels(invariant).set(count)
    RUNS.labels("violations" if violations else "ok").inc()
    for violation in violations:
        log.error("ledger invariant broken: run_id=%s invariant=%s subject=%s %s",
                  run_id, violation.invariant, violation.subject, violation.detail)
    if not violations:
        log.info("reconciliation ok: run_id=%s", run_id)


# One snapshot for all four checks: a posting committing half-way through the check
# would otherwise look like a broken invariant.
@celery.task(name=RECONCILE_LEDGER, base=Task, isolation_level="REPEATABLE READ", bind=True,
             max_retries=120)
def reconcile_ledger(self, session, run_id: str | None = None):
    try:
        finished = reconcile(session, uuid.UUID(run_id) if run_id else None)
    except ReconciliationBusy as busy:
        raise self.retry(exc=busy, countdown=random.uniform(2, 5)) from busy
    if finished is None:
        return None
    return {"run_id": str(finished["run_id"]), "trigger": finished["trigger"], "ok": finished["ok"]}
