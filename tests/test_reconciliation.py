"""Ledger reconciliation: the `reconcile_ledger` job checks the four ledger invariants
in SQL, records each run, and makes a broken invariant loud (alert row, ERROR log
line, metric). The database is shared by the whole run, so every test that breaks the
ledger breaks it on a wallet of its own and puts it back."""
from __future__ import annotations

import logging
import time
import uuid
from contextlib import contextmanager

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import text
from sqlalchemy.orm import Session

import celeryconfig
import settings
from db.reconciliation import find_violations
from db.session import engine_for
from domain.reconciliation import (
    BALANCED_JOURNAL,
    CACHED_BALANCE,
    OPERATION_JOURNAL,
    ZERO_SUM,
)
from tests.support.routes import NOWHERE
from tests.support.waiting import eventually
from workers.reconcile import ReconciliationBusy, reconcile_ledger

pytestmark = pytest.mark.usefixtures("worker")
LOCK = "SELECT pg_advisory_xact_lock(hashtext('vp:reconcile'))"


def error_code(response) -> str:
    return response.json["error_code"]


def start_run(api, admin) -> dict:
    response = api.post("/admin/reconciliation", admin)
    assert response.status_code == 202, response.json
    run = response.json["data"]
    assert response.headers["Location"] == f"/api/v1/admin/reconciliation/{run['run_id']}"
    return run


def wait_finished(api, admin, run_id: str, timeout_s: float = 30) -> dict:
    runs = []

    def finished() -> bool:
        runs.append(api.get(f"/admin/reconciliation/{run_id}", admin).json["data"])
        return runs[-1]["finished_at"] is not None

    eventually(finished, timeout_s, interval_s=0.2)
    return runs[-1]


def about(violations: list[dict], subject: str) -> set[str]:
    return {violation["invariant"] for violation in violations if violation["subject"] == subject}


@contextmanager
def balance_changed_behind_the_ledgers_back(db, wallet_id: str):
    db.execute("UPDATE wallets SET balance = balance + 1 WHERE id = %s", (wallet_id,))
    try:
        yield
    finally:
        db.execute("UPDATE wallets SET balance = balance - 1 WHERE id = %s", (wallet_id,))


# --- the admin endpoints ---------------------------------------------------------------
def test_a_requested_run_on_an_intact_ledger_finishes_ok(api):
    admin = api.user("admin")
    requested = start_run(api, admin)
    assert requested["trigger"] == "manual" and requested["requested_by"] == admin.user_id
    assert requested["ok"] is None and requested["finished_at"] is None
    run = wait_finished(api, admin, requested["run_id"])
    assert run["ok"] is True and run["violations"] == [], run
    assert run["started_at"] <= run["finished_at"]
    latest = api.get("/admin/reconciliation", admin)
    assert latest.status_code == 200
    assert set(latest.json["data"]) == {"run_id", "trigger", "requested_by", "requested_at",
                                        "started_at", "finished_at", "ok", "violations"}
    assert latest.json["data"]["requested_at"] >= run["requested_at"]


def test_a_balance_changed_behind_the_ledgers_back_is_reported_and_alerted(api, db, worker):
    admin, victim = api.user("admin"), api.wallet(funds="10.00")
    with balance_changed_behind_the_ledgers_back(db, victim.wallet_id):
        run = wait_finished(api, admin, start_run(api, admin)["run_id"])
        assert run["ok"] is False
        assert about(run["violations"], victim.wallet_id) == {CACHED_BALANCE}
        assert about(run["violations"], "INR") == {ZERO_SUM}
        [stale] = [v for v in run["violations"] if v["subject"] == victim.wallet_id]
        assert "caches balance 11.00 but its entries sum to 10.00" in stale["detail"]
        assert api.get("/admin/reconciliation", admin).json["data"]["ok"] is False
    alerts = dict(db.execute("SELECT invariant, detail FROM reconciliation_alerts WHERE run_id = %s",
                             (run["run_id"],)).fetchall())
    assert set(alerts) >= {CACHED_BALANCE, ZERO_SUM}
    assert any(victim.wallet_id in line and "ERROR" in line for line in worker.logs().splitlines())

    repaired = wait_finished(api, admin, start_run(api, admin)["run_id"])
    assert about(repaired["violations"], victim.wallet_id) == set()


def test_a_requested_run_waits_for_a_running_one_then_finishes(api, db):
    admin = api.user("admin")
    with db.transaction():
        db.execute(LOCK)  # another reconciliation is checking
        run_id = start_run(api, admin)["run_id"]
        time.sleep(1.5)
        assert api.get(f"/admin/reconciliation/{run_id}", admin).json["data"]["finished_at"] is None
    assert wait_finished(api, admin, run_id)["ok"] is not None


@pytest.mark.parametrize("run_id", [NOWHERE, "not-a-uuid"])
def test_an_unknown_run_is_not_found(api, run_id):
    response = api.get(f"/admin/reconciliation/{run_id}", api.user("admin"))
    assert response.status_code == 404 and error_code(response) == "RECONCILIATION_RUN_NOT_FOUND"


@pytest.mark.parametrize("role", ["user", "moderator"])
def test_roles_below_admin_cannot_read_or_start_reconciliation(api, role):
    caller = api.user(role)
    for response in (api.get("/admin/reconciliation", caller),
                     api.post("/admin/reconciliation", caller),
                     api.get(f"/admin/reconciliation/{uuid.uuid4()}", caller)):
        assert response.status_code == 403 and error_code(response) == "INSUFFICIENT_PERMISSIONS"


def test_reconciliation_needs_a_token(api):
    for response in (api.get("/admin/reconciliation"), api.post("/admin/reconciliation")):
        assert response.status_code == 401 and error_code(response) == "TOKEN_MISSING"


def test_a_super_admin_can_start_a_run(api):
    assert api.post("/admin/reconciliation", api.user("super_admin")).status_code == 202


# --- the job itself ----------------------------------------------------------------------
def test_beat_runs_the_job_on_the_configured_interval():
    entry = next(e for e in celeryconfig.beat_schedule.values()
                 if e["task"] == "workers.reconcile_ledger")
    assert entry["schedule"] == settings.load().reconcile_interval_s


def test_a_scheduled_run_logs_at_error_and_sets_the_metric(api, db, caplog):
    victim = api.wallet(funds="5.00")
    with balance_changed_behind_the_ledgers_back(db, victim.wallet_id), \
            caplog.at_level(logging.ERROR, logger="vaultpay.reconcile"):
        run = reconcile_ledger()
    assert run["trigger"] == "schedule" and run["ok"] is False
    assert REGISTRY.get_sample_value("vaultpay_reconciliation_violations",
                                     {"invariant": CACHED_BALANCE}) >= 1
    assert REGISTRY.get_sample_value("vaultpay_reconciliation_runs_total",
                                     {"outcome": "violations"}) >= 1
    logged = [r for r in caplog.records if r.name == "vaultpay.reconcile" and r.levelno == logging.ERROR]
    assert any(victim.wallet_id in r.getMessage() for r in logged)


def test_a_scheduled_run_skips_while_another_run_holds_the_lock(api, db):
    admin = api.user("admin")
    run_id = start_run_without_worker(db, admin)
    with db.transaction():
        db.execute(LOCK)
        assert reconcile_ledger() is None
        with pytest.raises(ReconciliationBusy):
            reconcile_ledger(run_id)
    finished = reconcile_ledger(run_id)
    assert str(finished["run_id"]) == run_id and finished["ok"] is not None
    # A second delivery of the same message finds the run finished and does nothing.
    assert reconcile_ledger(run_id) is None


def start_run_without_worker(db, admin) -> str:
    run_id = str(uuid.uuid4())
    db.execute("INSERT INTO reconciliation_runs (run_id, trigger, requested_by)"
               " VALUES (%s, 'manual', %s)", (run_id, admin.user_id))
    return run_id


def test_unbalanced_journals_and_operations_without_their_journal_are_found(api, database_url):
    """Invariants 3 and 4, on rows the database would refuse at commit: they are
    checked inside a transaction that is then rolled back."""
    owner = api.wallet()
    operation_id, journal_id, orphan_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with Session(engine_for(database_url)) as session:
        for op_id in (operation_id, orphan_id):
            session.execute(text(
                "INSERT INTO operations (id, user_id, wallet_id, type, status, amount, currency,"
                " idempotency_key, request_fingerprint, finished_at) VALUES (:id, :user, :wallet,"
                " 'topup', 'completed', 5, 'INR', :key, 'x', now())"),
                {"id": op_id, "user": owner.user_id, "wallet": owner.wallet_id, "key": str(op_id)})
        session.execute(text(
            "INSERT INTO journals (id, reference_id, operation_id, category, currency)"
            " VALUES (:id, :ref, :op, 'topup', 'INR')"),
            {"id": journal_id, "ref": f"VP-TXN-T{uuid.uuid4().hex[:9].upper()}", "op": operation_id})
        session.execute(text(
            "INSERT INTO ledger_entries (id, journal_id, wallet_id, amount, balance_after)"
            " VALUES (:id, :journal, :wallet, 5, 5)"),
            {"id": uuid.uuid4(), "journal": journal_id, "wallet": owner.wallet_id})
        found = {(v.invariant, v.subject) for v in find_violations(session)}
        session.rollback()
    assert (BALANCED_JOURNAL, str(journal_id)) in found
    assert (OPERATION_JOURNAL, str(orphan_id)) in found
    assert (OPERATION_JOURNAL, str(operation_id)) not in found
    assert (CACHED_BALANCE, owner.wallet_id) in found
