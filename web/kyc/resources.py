"""KYC for the wallet owner: submit an identity document, and see where it stands.

The number is validated and normalised by the schema, sealed before it reaches the
database, and never echoed: the owner only ever sees it masked.
"""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import kyc as kyc_rows
from domain import kyc
from services import kyc_submission
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope
from web.kyc.schemas import KycStatusSchema, KycSubmitSchema, KycSubmittedSchema

blp = Blueprint("kyc", __name__, url_prefix="/kyc",
                description="Identity verification (KYC): submit a document, follow its review")



@blp.route("/submit")
class SubmitKyc(MethodView):
    @requires("user")
    @blp.arguments(KycSubmitSchema)
    @blp.response(201, envelope(KycSubmittedSchema))
    @blp.alt_response(404, description="WALLET_NOT_FOUND: create a wallet first")
    @blp.alt_response(409, description="KYC_ALREADY_SUBMITTED (one is pending review), "
                                       "KYC_ALREADY_VERIFIED, KYC_DUPLICATE_DOCUMENT (this "
                                       "document is verified for another account)")
    @blp.alt_response(422, description="VALIDATION_ERROR: `details.doc_number` says which rule "
                                       "the number breaks (never repeating it)")
    def post(self, body: dict):
        """Submit an identity document for KYC review

        The review runs as a job: automated checks first, then a moderator decides.
        Follow it with GET /kyc/status; the decision also arrives as a notification
        and an email. After a rejection you may submit again.
        """
        vault = kyc_rows.vault_from(context.settings())
        with context.uow() as session:
            submission = kyc_submission.submit(session, vault, context.actor(),
                                               body["doc_type"], body["doc_number"])
            return ok({
                "submission_id": submission.id,
                "status": submission.status,
                "doc_type": submission.doc_type,
                "doc_number_masked": submission.doc_number_masked,
                "submitted_at": submission.submitted_at,
            }, "KYC submitted for review")


@blp.route("/status")
class KycStatus(MethodView):
    @requires("user")
    @blp.response(200, envelope(KycStatusSchema))
    def get(self):
        """Get the state of your latest KYC submission

        `status` is `none` before any submission. The number is shown masked.
        """
        with context.uow() as session:
            submission = kyc_rows.latest_for_user(session, g.user.id)
        if submission is None:
            return ok({"status": kyc.NONE, "submission_id": None, "doc_type": None,
                       "doc_number_masked": None, "rejection_reason": None,
                       "submitted_at": None, "reviewed_at": None}, "KYC status")
        return ok({
            "status": submission.status,
            "submission_id": submission.id,
            "doc_type": submission.doc_type,
            "doc_number_masked": submission.doc_number_masked,
            "rejection_reason": submission.rejection_reason,
            "submitted_at": submission.submitted_at,
            "reviewed_at": submission.reviewed_at,
        }, "KYC status")
