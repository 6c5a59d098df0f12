"""A moderator's KYC review: opening a submission's document (audited) and the
decision, everything each changes in the caller's one transaction.

The submission row is locked first, so of two concurrent decisions one waits and then
finds the submission decided (KYC_ALREADY_DECIDED). Approval also locks the owner's
wallet row, the only other row it changes.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from db import audit, outbox, wallets
from db import kyc as kyc_rows
from db.audit import Actor
from db.models import KycSubmission, Wallet
from db.notifications import notify
from db.wallets import own_wallet
from domain import errors, kyc
from domain.audit import APPROVED_KYC, REJECTED_KYC, VIEWED_KYC_DOCUMENT
from domain.duties import ensure_not_party
from domain.email_templates import KYC_DECIDED
from domain.kyc_crypto import DocumentVault
from services import events
from workers.names import SEND_EMAIL

VERIFIED_TIER = 1
OWN_SUBMISSION = "Another moderator must handle your own KYC submission"


def open_document(session: Session, actor: Actor, submission_id: str,
                  vault: DocumentVault) -> tuple[KycSubmission, str]:
    """The submission and its decrypted number, read by a moderator: every read writes a
    VIEWED_KYC_DOCUMENT audit row. A moderator's own submission is refused like any
    privileged action on it: opening it would put an audited review of their own
    identity on record."""
    submission = kyc_rows.get(session, submission_id)
    ensure_not_party(actor.user_id, [submission.user_id], OWN_SUBMISSION)
    number = kyc_rows.open_document(vault, submission)
    audit.record(session, actor, VIEWED_KYC_DOCUMENT, "kyc_submission", submission.id)
    return submission, number


def approve(session: Session, actor: Actor, submission_id: str) -> KycSubmission:
    submission = _pending_for_update(session, actor, submission_id)
    wallet = own_wallet(session, submission.user_id, for_update=True)
    if kyc_rows.verified_for_someone_else(session, submission.fingerprint, submission.user_id):
        raise errors.KycDuplicateDocument()
    before = _state(submission, wallet)
    _decide(submission, actor, kyc.VERIFIED)
    wallets.mark_verified(wallet, VERIFIED_TIER)
    kyc_rows.flush_verification(session)
    audit.record(session, actor, APPROVED_KYC, "kyc_submission", submission.id,
                 before=before, after=_state(submission, wallet))
    _tell_owner(session, actor, submission, "KYC verified",
                "Your identity document was verified. You can now add and move money.")
    return submission


def reject(session: Session, actor: Actor, submission_id: str, reason: str,
           vault: DocumentVault) -> KycSubmission:
    submission = _pending_for_update(session, actor, submission_id)
    _ensure_reason_hides_number(vault, submission, reason)
    _decide(submission, actor, kyc.REJECTED)
    submission.rejection_reason = reason
    audit.record(session, actor, REJECTED_KYC, "kyc_submission", submission.id,
                 before={"status": kyc.PENDING}, after={"status": kyc.REJECTED}, reason=reason)
    _tell_owner(session, actor, submission, "KYC rejected",
                f"Your identity document was rejected: {reason}. You can submit a document again.")
    return submission


def _pending_for_update(session: Session, actor: Actor, submission_id: str) -> KycSubmission:
    submission = kyc_rows.get(session, submission_id, for_update=True)
    # Four eyes: nobody verifies their own identity.
    ensure_not_party(actor.user_id, [submission.user_id], OWN_SUBMISSION)
    kyc.ensure_decidable(submission.status)
    return submission


def _ensure_reason_hides_number(vault: DocumentVault, submission: KycSubmission,
                                reason: str) -> None:
    """The reason is stored, shown and emailed in the clear: it must not leak the number."""
    try:
        number = kyc_rows.open_document(vault, submission)
    except errors.KycDocumentUnreadable:
        return  # an unreadable document can still be rejected; its number is unknown
    if kyc.mentions(reason, number):
        raise errors.ValidationFailed(details={
            "rejection_reason": ["Must not contain the document number"]})


def _decide(submission: KycSubmission, actor: Actor, status: str) -> None:
    kyc_rows.record_decision(submission, status, actor.user_id)


def _state(submission: KycSubmission, wallet: Wallet) -> dict:
    return {"status": submission.status, "wallet_id": wallet.id,
            "kyc_verified": wallet.kyc_verified, "kyc_tier": wallet.kyc_tier}


def _tell_owner(session: Session, actor: Actor, submission: KycSubmission, title: str,
                body: str) -> None:
    notify(session, submission.user_id, "kyc_decided", title, body,
           {"submission_id": str(submission.id), "status": submission.status})
    events.emit(session, submission.user_id, "kyc.decided",
                {"submission_id": submission.id, "status": submission.status,
                 "rejection_reason": submission.rejection_reason})
    # Ids only in the job (issue 7): it reads the status and reason from the submission.
    outbox.enqueue_after_commit(
        session, SEND_EMAIL, [KYC_DECIDED, str(submission.user_id), str(submission.id)],
        {"request_id": actor.request_id})
