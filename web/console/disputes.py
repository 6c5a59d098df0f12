"""Disputes and their resolution (reject, refund in full or refund a part), with what
is still refundable: the service of `/admin/disputes`, under the same role and
segregation of duties."""
from __future__ import annotations

from flask import g
from marshmallow import fields, validate

from db import disputes
from domain import disputes as rules
from domain import errors
from services import disputes as dispute_service
from web import context
from web.console import access, bp
from web.console.pages import done, form, pages, query, render
from web.disputes.present import dispute_uuid, dispute_view
from web.disputes.schemas import AdminDisputeListArgs, ResolveDisputeSchema
from web.fields import StrictSchema

REJECT, FULL_REFUND, PARTIAL_REFUND = "reject", "full_refund", "partial_refund"


class ResolveForm(StrictSchema):
    """The console's three choices, turned into the API's resolution body."""

    outcome = fields.String(required=True, validate=validate.OneOf(
        [REJECT, FULL_REFUND, PARTIAL_REFUND], error="Choose reject, full refund or partial refund"))
    refund_amount = fields.String()
    resolution_notes = fields.String()


@bp.get("/disputes")
@access.page("moderator")
def dispute_list():
    args = query(AdminDisputeListArgs, status=rules.OPEN)
    with context.uow() as session:
        rows, total = disputes.page(session, user_id=args.get("user_id"), status=args.get("status"),
                                    page=args["page"], per_page=args["per_page"])
    return render("console/disputes.html", items=[dispute_view(row) for row in rows], total=total,
                  page=args["page"], pages=pages(total, args["per_page"]), args=args,
                  statuses=rules.STATUSES)


@bp.get("/disputes/<dispute_id>")
@access.page("moderator")
def dispute_detail(dispute_id: str):
    with context.uow() as session:
        row = disputes.view(session, dispute_uuid(dispute_id))
    if row is None:
        raise errors.DisputeNotFound()
    view = dispute_view(row)
    return render("console/dispute.html", d=view,
                  refunded=view["amount"] - view["refundable_amount"],
                  own=str(view["user_id"]) == str(g.user.id))


@bp.post("/disputes/<dispute_id>/resolve")
@access.page("moderator")
def dispute_resolve(dispute_id: str):
    decision = form(ResolveDisputeSchema, _decision(form(ResolveForm)))
    resolved_id = dispute_uuid(dispute_id)
    with context.uow() as session:
        dispute_service.resolve(session, context.actor(), resolved_id, decision)
    with context.uow() as session:
        view = dispute_view(disputes.view(session, resolved_id))
    if view["refund_amount"] is None:
        notice = "Dispute rejected; the disputer was told why."
    else:
        notice = (f"Refund of {view['refund_amount']:.2f} {view['currency']} queued; "
                  "the worker posts it shortly.")
    return done(notice, "console.dispute_detail", dispute_id=dispute_id)


def _decision(chosen: dict) -> dict:
    """The API body (as text, for its schema to check) of the console's choice."""
    body = {"resolution": rules.REJECTED if chosen["outcome"] == REJECT else rules.REFUND,
            "resolution_notes": chosen.get("resolution_notes", "")}
    if chosen["outcome"] == PARTIAL_REFUND:
        if not chosen.get("refund_amount"):
            raise errors.ValidationFailed(details={
                "refund_amount": ["Enter the amount of a partial refund"]})
        body["refund_amount"] = chosen["refund_amount"]
    return body
