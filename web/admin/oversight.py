"""Oversight for admins: read the audit trail, verify its hash chain, and read or start
a ledger reconciliation."""
from __future__ import annotations

import uuid
from dataclasses import asdict

from flask.views import MethodView

from db import audit, reconciliation
from domain import errors
from services import oversight
from web import context
from web.admin.oversight_schemas import (
    AuditLogArgs,
    AuditLogSchema,
    ChainCheckSchema,
    ReconciliationRunSchema,
)
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of

blp = Blueprint("admin_oversight", __name__, url_prefix="/admin",
                description="Audit trail and ledger reconciliation (admin and above)")

RUN_NOT_FOUND = "RECONCILIATION_RUN_NOT_FOUND"


@blp.route("/audit-logs")
class AuditLogs(MethodView):
    @requires("admin")
    @blp.arguments(AuditLogArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(AuditLogSchema, many_page=True))
    def get(self, page: int, per_page: int, **filters):
        """List audit rows, newest first (admin and above)

        Filters: `actor_id`, `target_type`, `target_id`, `action`, and `start_date` /
        `end_date` (whole days in the business timezone, both inclusive).
        """
        with context.uow() as session:
            rows, total = audit.page(session, audit.AuditFilter(**filters),
                                     context.settings().business_timezone, page, per_page)
        return ok(page_of(rows, page, per_page, total), "Audit log")


@blp.route("/audit-logs/verify")
class AuditChain(MethodView):
    @requires("admin")
    @blp.response(200, envelope(ChainCheckSchema))
    def get(self):
        """Verify the audit hash chain (admin and above)

        Re-walks every row in chain order, recomputing each hash from the row's content
        and the previous hash. `first_broken_id` is the `id` of the first row that was
        edited, or whose predecessor was removed; null when the chain is intact.
        """
        with context.uow() as session:
            check = audit.verify_chain(session)
        return ok(asdict(check), "Audit chain intact" if check.valid else "Audit chain broken")


@blp.route("/reconciliation")
class Reconciliation(MethodView):
    @requires("admin")
    @blp.response(200, envelope(ReconciliationRunSchema))
    @blp.alt_response(404, description=f"{RUN_NOT_FOUND}: no reconciliation has run yet")
    def get(self):
        """The latest ledger reconciliation (admin and above)

        `ok` and `finished_at` are null while the run waits for the worker.
        """
        with context.uow() as session:
            run = reconciliation.latest_run(session)
        if run is None:
            raise errors.ReconciliationRunNotFound("No reconciliation has run yet")
        return ok(run, "Latest reconciliation")

    @requires("admin")
    @blp.response(202, envelope(ReconciliationRunSchema),
                  description="Accepted; poll the Location header for the outcome")
    def post(self):
        """Start a ledger reconciliation now (admin and above)

        The `reconcile_ledger` job checks the four ledger invariants. If another run is
        checking, this one waits for it to finish first.
        """
        with context.uow() as session:
            run = oversight.start_reconciliation(session, context.actor())
        location = f"/api/v1/admin/reconciliation/{run['run_id']}"
        return ok(run, "Reconciliation started"), 202, {"Location": location}


@blp.route("/reconciliation/<run_id>")
class ReconciliationRun(MethodView):
    @requires("admin")
    @blp.response(200, envelope(ReconciliationRunSchema))
    @blp.alt_response(404, description=f"{RUN_NOT_FOUND} (also for a malformed id)")
    def get(self, run_id: str):
        """One ledger reconciliation run (admin and above)"""
        with context.uow() as session:
            run = reconciliation.run_by_id(session, _parse_run_id(run_id))
        if run is None:
            raise errors.ReconciliationRunNotFound()
        return ok(run, "Reconciliation")


def _parse_run_id(run_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(run_id)
    except ValueError as exc:
        raise errors.ReconciliationRunNotFound() from exc
