"""The moderators' KYC queue: list submissions (masked), open one (decrypted, audited),
approve or reject it.

Each decision changes the submission, the wallet (on approval), the audit trail, the
user's notifications and the outbox (the email job) in one transaction.
"""
from __future__ import annotations

import uuid

from flask.views import MethodView

from db import kyc as kyc_rows
from domain import kyc
from services import kyc_decisions as decisions
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of
from web.kyc.schemas import KycDocumentSchema, KycListArgs, KycRejectSchema, KycReviewSchema

blp = Blueprint("admin_kyc", __name__, url_prefix="/admin/kyc",
                description="KYC review by moderators")

NOT_FOUND = "KYC_SUBMISSION_NOT_FOUND (also for a malformed id)"
DECIDED = "KYC_ALREADY_DECIDED: only a pending submission can be decided"
OWN = ("SELF_ACTION_NOT_ALLOWED: your own submission, another moderator must handle it; "
       "INSUFFICIENT_PERMISSIONS")
# The decrypted number must not linger in browser or proxy caches.
NO_STORE = {"Cache-Control": "no-store"}


@blp.route("")
class KycQueue(MethodView):
    @requires("moderator")
    @blp.arguments(KycListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(KycReviewSchema, many_page=True))
    def get(self, page: int, per_page: int, status: str | None = None,
            user_id: uuid.UUID | None = None):
        """List KYC submissions, oldest first (moderator and above)

        Filters: `status` (`pending` is the review queue) and `user_id`. Numbers are
        masked; open a submission to see its number.
        """
        with context.uow() as session:
            rows, total = kyc_rows.page(session, status=status, user_id=user_id,
                                        page=page, per_page=per_page)
        return ok(page_of([review_view(row) for row in rows], page, per_page, total),
                  "KYC submissions")


@blp.route("/<submission_id>")
class KycDocument(MethodView):
    @requires("moderator")
    @blp.response(200, envelope(KycDocumentSchema))
    @blp.alt_response(403, description=OWN)
    @blp.alt_response(404, description=NOT_FOUND)
    @blp.alt_response(500, description="KYC_DOCUMENT_UNREADABLE: its key is not configured, "
                                       "or the stored ciphertext fails authentication")
    def get(self, submission_id: str):
        """Open a KYC submission with its decrypted number (moderator and above)

        Every read writes a VIEWED_KYC_DOCUMENT audit row. The response is not cacheable.
        A moderator's own submission is refused (403 SELF_ACTION_NOT_ALLOWED) like any
        privileged action on it: opening it here would put an audited review of their
        own identity on record; they see their submission through `GET /kyc/status`.
        """
        vault = kyc_rows.vault_from(context.settings())
        with context.uow() as session:
            submission, number = decisions.open_document(session, context.actor(),
                                                         submission_id, vault)
            view = {**review_view(kyc_rows.with_owner(session, submission)), "doc_number": number}
        return ok(view, "KYC submission"), NO_STORE


@blp.route("/<submission_id>/approve")
class ApproveKyc(MethodView):
    @requires("moderator")
    @blp.response(200, envelope(KycReviewSchema))
    @blp.alt_response(403, description=OWN)
    @blp.alt_response(404, description=NOT_FOUND)
    @blp.alt_response(409, description=f"{DECIDED}; KYC_DUPLICATE_DOCUMENT: the document is "
                                       "already verified for another account")
    def post(self, submission_id: str):
        """Approve a pending KYC submission (moderator and above)

        The owner's wallet becomes `kyc_verified` with tier 1 limits; the owner gets a
        notification and an email; an APPROVED_KYC audit row records the change.
        Nobody decides their own submission (403 SELF_ACTION_NOT_ALLOWED).
        """
        with context.uow() as session:
            submission = decisions.approve(session, context.actor(), submission_id)
            view = review_view(kyc_rows.with_owner(session, submission))
        return ok(view, "KYC approved")


@blp.route("/<submission_id>/reject")
class RejectKyc(MethodView):
    @requires("moderator")
    @blp.arguments(KycRejectSchema)
    @blp.response(200, envelope(KycReviewSchema))
    @blp.alt_response(403, description=OWN)
    @blp.alt_response(404, description=NOT_FOUND)
    @blp.alt_response(409, description=DECIDED)
    @blp.alt_response(422, description="VALIDATION_ERROR: a reason is required (1 to 500 "
                                       "characters) and must not contain the document number")
    def post(self, body: dict, submission_id: str):
        """Reject a pending KYC submission with a reason (moderator and above)

        The owner sees the reason, gets a notification and an email, and may submit
        again; a REJECTED_KYC audit row records the decision. Nobody decides their own
        submission (403 SELF_ACTION_NOT_ALLOWED).
        """
        vault = kyc_rows.vault_from(context.settings())
        with context.uow() as session:
            submission = decisions.reject(session, context.actor(), submission_id,
                                          body["rejection_reason"], vault)
            view = review_view(kyc_rows.with_owner(session, submission))
        return ok(view, "KYC rejected")


def review_view(row: kyc_rows.Row) -> dict:
    submission = row.submission
    return {
        "submission_id": submission.id,
        "user_id": submission.user_id,
        "user_email": row.email,
        "full_name": row.full_name,
        "doc_type": submission.doc_type,
        "doc_number_masked": submission.doc_number_masked,
        "status": submission.status,
        "review_state": kyc.review_state(submission.status, submission.auto_checked_at is not None),
        "auto_check_status": submission.auto_check_status,
        "auto_check_notes": submission.auto_check_notes,
        "auto_checked_at": submission.auto_checked_at,
        "rejection_reason": submission.rejection_reason,
        "reviewed_by": submission.reviewed_by,
        "reviewed_at": submission.reviewed_at,
        "submitted_at": submission.submitted_at,
    }
