"""The automated checks on a new KYC submission, before the moderators' queue.

The caller's transaction re-reads the row under lock and acts only if the checks have
not been recorded yet, so a redelivered job changes nothing. The checks never decide:
a flagged submission still waits for a moderator, with the reasons in
`auto_check_notes` (which never contain the number).

A submission still pending when its checks are recorded has reached the moderators'
queue: every active moderator, admin and super admin except its owner (who may not
review it) gets a `kyc_review_needed` notification in the same transaction, so the
notifications exist exactly when the submission is in the queue.
"""
from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from db import kyc as kyc_rows
from db import users
from db.models import KycSubmission
from db.notifications import notice, notify_many
from domain import errors, kyc
from domain.kyc_crypto import DocumentVault

PASSED, FLAGGED = "passed", "flagged"
SKIPPED = "skipped"


def review(session: Session, vault: DocumentVault, submission_id: uuid.UUID) -> tuple[str, int]:
    """The outcome (passed, flagged, or skipped when the submission is unknown or was
    checked already) and how many findings it recorded."""
    submission = kyc_rows.get_for_review(session, submission_id)
    if submission is None or submission.auto_checked_at is not None:
        return SKIPPED, 0
    notes = _findings(session, vault, submission)
    kyc_rows.record_auto_check(submission, FLAGGED if notes else PASSED, notes)
    if submission.status == kyc.PENDING:
        _tell_moderators(session, submission)
    return submission.auto_check_status, len(notes)


def _tell_moderators(session: Session, submission: KycSubmission) -> None:
    reviewers = [user_id for user_id in users.active_ids_with_role(session, "moderator")
                 if user_id != submission.user_id]
    body = (f"A {submission.doc_type} submission is waiting for review (automated checks: "
            f"{submission.auto_check_status}).")
    metadata = {"submission_id": str(submission.id),
                "auto_check_status": submission.auto_check_status}
    notify_many(session, [notice(user_id, "kyc_review_needed", "KYC submission to review", body,
                                 metadata) for user_id in reviewers])


def _findings(session: Session, vault: DocumentVault, submission: KycSubmission) -> list[str]:
    try:
        number = kyc_rows.open_document(vault, submission)
    except errors.KycDocumentUnreadable as exc:
        return [f"document_unreadable: {exc.message}"]
    notes = kyc.problems(submission.doc_type, number)
    for other in kyc_rows.others_with_document(session, submission):
        notes.append(f"duplicate: same document as {other.status} submission {other.id} "
                     f"of user {other.user_id}")
    return notes
