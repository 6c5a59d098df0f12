"""The KYC queue, one submission (its number decrypted only on an explicit click,
audited as VIEWED_KYC_DOCUMENT), and its approval or rejection: the services of
`/admin/kyc`, under the same role and segregation of duties."""
from __future__ import annotations

from flask import g

from db import kyc as kyc_rows
from domain import kyc
from services import kyc_decisions as decisions
from web import context
from web.console import access, bp
from web.console.pages import done, form, pages, query, render
from web.kyc.admin import review_view
from web.kyc.schemas import KycListArgs, KycRejectSchema


@bp.get("/kyc")
@access.page("moderator")
def kyc_queue():
    """Oldest first, pending by default: the queue is worked in arrival order."""
    args = query(KycListArgs, status=kyc.PENDING)
    with context.uow() as session:
        rows, total = kyc_rows.page(session, status=args.get("status"), user_id=args.get("user_id"),
                                    page=args["page"], per_page=args["per_page"])
    return render("console/kyc_queue.html", items=[review_view(row) for row in rows], total=total,
                  page=args["page"], pages=pages(total, args["per_page"]), args=args,
                  statuses=kyc.STATUSES)


@bp.get("/kyc/<submission_id>")
@access.page("moderator")
def kyc_submission(submission_id: str):
    """The submission with its number masked, as the queue lists it."""
    with context.uow() as session:
        view = review_view(kyc_rows.with_owner(session, kyc_rows.get(session, submission_id)))
    return _submission_page(view, number=None)


@bp.post("/kyc/<submission_id>/document")
@access.page("moderator")
def kyc_document(submission_id: str):
    """The decrypted number, on the moderator's click; the read is audited."""
    vault = kyc_rows.vault_from(context.settings())
    with context.uow() as session:
        submission, number = decisions.open_document(session, context.actor(), submission_id, vault)
        view = review_view(kyc_rows.with_owner(session, submission))
    return _submission_page(view, number=number)


@bp.post("/kyc/<submission_id>/approve")
@access.page("moderator")
def kyc_approve(submission_id: str):
    with context.uow() as session:
        submission = decisions.approve(session, context.actor(), submission_id)
        email = kyc_rows.with_owner(session, submission).email
    return done(f"Approved: {email} is verified, and their wallet can move money.",
                "console.kyc_submission", submission_id=submission_id)


@bp.post("/kyc/<submission_id>/reject")
@access.page("moderator")
def kyc_reject(submission_id: str):
    reason = form(KycRejectSchema)["rejection_reason"]
    vault = kyc_rows.vault_from(context.settings())
    with context.uow() as session:
        submission = decisions.reject(session, context.actor(), submission_id, reason, vault)
        email = kyc_rows.with_owner(session, submission).email
    return done(f"Rejected: {email} was told why and may submit a document again.",
                "console.kyc_submission", submission_id=submission_id)


def _submission_page(view: dict, number: str | None):
    own = str(view["user_id"]) == str(g.user.id)
    return render("console/kyc_submission.html", s=view, number=number, own=own,
                  pending=view["status"] == kyc.PENDING)
