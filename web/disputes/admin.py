"""Dispute handling for moderators: the queue, one dispute, and its resolution."""
from __future__ import annotations

from flask.views import MethodView

from db import disputes
from domain import errors
from services import disputes as dispute_service
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.disputes.present import dispute_uuid, dispute_view
from web.disputes.schemas import AdminDisputeListArgs, AdminDisputeSchema, ResolveDisputeSchema
from web.envelope import ok
from web.fields import envelope, page_of

blp = Blueprint("admin_disputes", __name__, url_prefix="/admin/disputes",
                description="Review and resolve disputes (moderator and above)")


@blp.route("")
class AdminDisputeList(MethodView):
    @requires("moderator")
    @blp.arguments(AdminDisputeListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(AdminDisputeSchema, many_page=True))
    def get(self, page: int, per_page: int, status: str | None = None, user_id=None):
        """List disputes, newest first (moderator and above)

        Filters: `status` (`open` for the queue) and `user_id` (the disputer).
        """
        with context.uow() as session:
            rows, total = disputes.page(session, user_id=user_id, status=status,
                                        page=page, per_page=per_page)
        return ok(page_of([dispute_view(row) for row in rows], page, per_page, total), "Disputes")


@blp.route("/<dispute_id>")
class AdminDisputeDetail(MethodView):
    @requires("moderator")
    @blp.response(200, envelope(AdminDisputeSchema))
    @blp.alt_response(404, description="DISPUTE_NOT_FOUND")
    def get(self, dispute_id: str):
        """Get any dispute (moderator and above)"""
        with context.uow() as session:
            row = disputes.view(session, dispute_uuid(dispute_id))
        if row is None:
            raise errors.DisputeNotFound()
        return ok(dispute_view(row), "Dispute")


@blp.route("/<dispute_id>/resolve")
class AdminDisputeResolution(MethodView):
    @requires("moderator")
    @blp.arguments(ResolveDisputeSchema)
    @blp.response(200, envelope(AdminDisputeSchema))
    @blp.alt_response(403, description="SELF_ACTION_NOT_ALLOWED: you are the disputer or the "
                                       "counterparty; INSUFFICIENT_PERMISSIONS")
    @blp.alt_response(404, description="DISPUTE_NOT_FOUND")
    @blp.alt_response(409, description="DISPUTE_NOT_OPEN: already resolved (a second resolve of "
                                       "the same dispute never makes a second refund)")
    @blp.alt_response(422, description="VALIDATION_ERROR; REFUND_EXCEEDS_REFUNDABLE "
                                       "(details.refundable: what is left); CURRENCY_MISMATCH: a "
                                       "send across currencies cannot be refunded")
    def post(self, decision: dict, dispute_id: str):
        """Resolve an open dispute: reject it or refund (moderator and above)

        `rejected` closes the dispute. `refund` closes it and queues a `refund` operation
        for `refund_amount`, by default everything still refundable; refunds of one
        transaction never exceed its amount in total (checked now, and again by the
        posting job under the wallet locks). The refund moves money back from the
        counterparty (the recipient wallet of a send, or the external withdrawal account
        for a withdrawal) to the disputer as a new `refund` posting; the original rows
        never change. A frozen wallet on either side does not stop a refund.

        The refund operation belongs to the disputer: its `user_id` is the disputer and
        its `wallet_id` the disputer's wallet (the one credited), so the disputer polls
        it with `GET /operations/{refund_operation_id}` and sees only their own credit
        row. If the counterparty no longer has the money the operation fails with
        `INSUFFICIENT_BALANCE` and moves nothing; the dispute stays resolved with
        `refund_status: failed`, and the user may dispute the transaction again.

        Writes a `RESOLVE_DISPUTE` audit row (reason: the notes) and a `dispute_resolved`
        notification to the disputer, in the same transaction as the decision. Nobody
        resolves a dispute they are a party to, as the disputer or as the owner of the
        wallet that was paid (403 SELF_ACTION_NOT_ALLOWED, whatever their role).
        """
        resolved_id = dispute_uuid(dispute_id)
        with context.uow() as session:
            dispute_service.resolve(session, context.actor(), resolved_id, decision)
        with context.uow() as session:
            row = disputes.view(session, resolved_id)
        return ok(dispute_view(row), "Dispute resolved")
