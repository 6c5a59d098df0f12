"""Disputes: a user contests one of their own sends or withdrawals."""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import disputes
from domain import disputes as rules
from domain import errors
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.disputes.present import dispute_uuid, dispute_view
from web.disputes.schemas import DisputeListArgs, DisputeSchema, RaiseDisputeSchema
from web.envelope import ok
from web.fields import envelope, page_of

blp = Blueprint("disputes", __name__, url_prefix="/disputes",
                description="Contest a send or withdrawal and follow its refund")


@blp.route("")
class DisputeList(MethodView):
    @requires("user")
    @blp.arguments(RaiseDisputeSchema)
    @blp.response(201, envelope(DisputeSchema))
    @blp.alt_response(404, description="TRANSACTION_NOT_FOUND (also another user's row)")
    @blp.alt_response(409, description="DISPUTE_ALREADY_EXISTS: the transaction has an open dispute")
    @blp.alt_response(422, description="VALIDATION_ERROR; TRANSACTION_NOT_DISPUTABLE: not a debit "
                                       "of a send or withdrawal, past the dispute window, or "
                                       "already refunded in full")
    def post(self, body: dict):
        """Dispute one of your sends or withdrawals

        `transaction_id` is your debit row (`GET /transactions/history`). A transaction has
        at most one open dispute; once one is resolved it may be disputed again, but its
        refunds together never exceed its amount. A moderator resolves the dispute; a
        refund comes back as a new `refund` posting, never by changing the original rows.
        """
        with context.uow() as session:
            row = disputes.disputed_row(session, body["transaction_id"])
            if row is None or row.user_id != g.user.id:
                raise errors.TransactionNotFound()
            _ensure_disputable(session, row)
            dispute_id = disputes.insert_open(session, g.user.id, row.wallet_id, row.id,
                                              body["reason"])
            if dispute_id is None:
                raise errors.DisputeAlreadyExists()
            data = dispute_view(disputes.view(session, dispute_id))
        return ok(data, "Dispute opened"), 201

    @requires("user")
    @blp.arguments(DisputeListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(DisputeSchema, many_page=True))
    def get(self, page: int, per_page: int, status: str | None = None):
        """List your disputes, newest first"""
        with context.uow() as session:
            rows, total = disputes.page(session, user_id=g.user.id, status=status,
                                        page=page, per_page=per_page)
        return ok(page_of([dispute_view(row) for row in rows], page, per_page, total), "Disputes")


@blp.route("/<dispute_id>")
class DisputeDetail(MethodView):
    @requires("user")
    @blp.response(200, envelope(DisputeSchema))
    @blp.alt_response(404, description="DISPUTE_NOT_FOUND (also another user's dispute)")
    def get(self, dispute_id: str):
        """Get one of your disputes, with its refund's status"""
        with context.uow() as session:
            row = disputes.view(session, dispute_uuid(dispute_id), user_id=g.user.id)
        if row is None:
            raise errors.DisputeNotFound()
        return ok(dispute_view(row), "Dispute")


def _ensure_disputable(session, row) -> None:
    rules.ensure_disputable(row.category, row.amount < 0, row.created_at, disputes.now(session),
                            context.settings().dispute_window_days)
    rules.ensure_not_fully_refunded(
        -row.amount, disputes.refunded(session, row.id, disputes.PENDING_OR_DONE))

