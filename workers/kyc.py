"""The KYC-review job: the automated checks on a new submission (services/kyc_checks.py),
in the one transaction the base Task opens. It takes only the submission id."""
from __future__ import annotations

import logging

import settings
from db import kyc as kyc_rows
from domain.ids import uuid_or_none
from services import kyc_checks
from workers.app import celery
from workers.base import Task
from workers.names import REVIEW_KYC

log = logging.getLogger("vaultpay.kyc")
SETTINGS = settings.load()


@celery.task(name=REVIEW_KYC, base=Task, acks_late=True)
def review_kyc(session, submission_id: str):
    parsed = uuid_or_none(submission_id)
    if parsed is None:
        log.warning("kyc review ignored: malformed submission id")
        return {"outcome": "ignored"}
    outcome, findings = kyc_checks.review(session, kyc_rows.vault_from(SETTINGS), parsed)
    if outcome == kyc_checks.SKIPPED:
        log.info("kyc review skipped submission_id=%s (unknown or already checked)", parsed)
    else:
        log.info("kyc review submission_id=%s auto_check=%s notes=%d", parsed, outcome, findings)
    return {"submission_id": str(parsed), "outcome": outcome}
