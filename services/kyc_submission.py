"""A wallet owner submits an identity document for KYC review.

The number arrives validated and normalised (web/kyc/schemas.py), is sealed before it
reaches the database and is never echoed. The review job is recorded in the same
transaction as the submission, so a submission is reviewed exactly when it exists.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from db import audit, outbox
from db import kyc as kyc_rows
from db.models import KycSubmission
from db.wallets import own_wallet_id
from domain import errors, kyc
from domain.kyc_crypto import DocumentVault
from workers.names import REVIEW_KYC


def submit(session: Session, vault: DocumentVault, actor: audit.Actor, doc_type: str,
           number: str) -> KycSubmission:
    own_wallet_id(session, actor.user_id)
    kyc.ensure_may_submit(kyc_rows.live_status(session, actor.user_id))
    if kyc_rows.verified_for_someone_else(session, vault.fingerprint(doc_type, number),
                                          actor.user_id):
        raise errors.KycDuplicateDocument()
    submission = kyc_rows.insert_pending(session, vault, actor.user_id, doc_type, number)
    if submission is None:  # a concurrent submit of this user won
        kyc.ensure_may_submit(kyc_rows.live_status(session, actor.user_id))
        raise errors.KycAlreadySubmitted()
    outbox.enqueue_after_commit(session, REVIEW_KYC, [str(submission.id)],
                                {"request_id": actor.request_id})
    return submission
