"""The KYC-review job: automated checks on a new submission, then the moderators' queue.

It takes only the submission id, re-reads the row under lock and acts only if the
checks have not been recorded yet, so a redelivered message changes nothing. It
never decides: a flagged submission still waits for a moderator, with the reasons
in `auto_check_notes` (which never contain the number).

A submission still pending when its checks are recorded has reached the moderators'
queue: every active moderator, admin and super admin except its owner (who may not
review it) gets a `kyc_review_needed` notification in the same transaction, so the
notifications exist exactly when the submission is in the queue.
"""
from __future__ import annotations

import logging

import settings
from db import kyc as kyc_rows
from db import users
from db.models import KycSubmission
from db.notifications import notice, notify_many
from db.session import unit_of_work
from domain import errors, kyc
from domain.ids import uuid_or_none
from workers.app import celery
from workers.base import Task
from workers.names import REVIEW_KYC

log = logging.getLogger("vaultpay.kyc")
SETTINGS = settings.load()
PASSED, FLAGGED = "passed", "flagged"


@celery.task(name=REVIEW_KYC, base=Task, acks_late=True)
def review_kyc(submission_id: str):
    return review(SETTINGS, submission_id)


def review(s: settings.Settings, submission_id: str) -> dict:
    parsed = uuid_or_none(submission_id)
    if parsed is None:
        log.warning("kyc review ignored: malformed submission id")
        return {"outcome": "ignored"}
    with unit_of_work(s.database_url) as session:
        submission = kyc_rows.get_for_review(session, parsed)
        if submission is None or submission.auto_checked_at is not None:
            log.info("kyc review skipped submission_id=%s (unknown or already checked)", parsed)
            return {"submission_id": str(parsed), "outcome": "skipped"}
        notes = _findings(session, kyc_rows.vault_from(s), submission)
        kyc_rows.record_auto_check(submission, FLAGGED if notes else PASSED, notes)
        outcome = submission.auto_check_status
        if submission.status == kyc.PENDING:
            _tell_moderators(session, submission)
    log.info("kyc review submission_id=%s auto_check=%s notes=%d", parsed, outcome, len(notes))
    return {"submission_id": str(parsed), "outcome": outcome}


def _tell_moderators(session, submission: KycSubmission) -> None:
    reviewers = [user_id for user_id in users.active_ids_with_role(session, "moderator")
                 if user_id != submission.user_id]
    body = (f"A {submission.doc_type} submission is waiting for review (automated checks: "
            f"{submission.auto_check_status}).")
    metadata = {"submission_id": str(submission.id),
                "auto_check_status": submission.auto_check_status}
    notify_many(session, [notice(user_id, "kyc_review_needed", "KYC submission to review", body,
                                 metadata) for user_id in reviewers])


def _findings(session, vault, submission: KycSubmission) -> list[str]:
    try:
        number = kyc_rows.open_document(vault, submission)
    except errors.KycDocumentUnreadable as exc:
        return [f"document_unreadable: {exc.message}"]
    notes = kyc.problems(submission.doc_type, number)
    for other in kyc_rows.others_with_document(session, submission):
        notes.append(f"duplicate: same document as {other.status} submission {other.id} "
                     f"of user {other.user_id}")
    return notes
