"""The ledger's health for admins: the latest reconciliation with a button that starts
one now (the job `POST /admin/reconciliation` starts), and the audit chain's check
(`GET /admin/audit-logs/verify`), run when asked since it walks every audit row."""
from __future__ import annotations

from db import audit, reconciliation
from services import oversight
from web import context
from web.console import access, bp
from web.console.pages import done, render


@bp.get("/ledger-health")
@access.page("admin")
def ledger_health():
    return _health_page(chain=None)


@bp.get("/ledger-health/audit-chain")
@access.page("admin")
def audit_chain_check():
    with context.uow() as session:
        chain = audit.verify_chain(session)
    return _health_page(chain=chain)


@bp.post("/ledger-health/reconciliation")
@access.page("admin")
def reconcile_now():
    with context.uow() as session:
        run = oversight.start_reconciliation(session, context.actor())
    return done(f"Reconciliation {run['run_id']} requested; the worker checks the ledger "
                "shortly. Reload this page to see its outcome.", "console.ledger_health")


def _health_page(chain):
    with context.uow() as session:
        run = reconciliation.latest_run(session)
    return render("console/health.html", run=run, chain=chain)
