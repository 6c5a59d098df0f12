"""KYC submission rows. Functions take the caller's session and never commit.

Nothing here sees a plain document number except `insert_pending` (which seals it
before it reaches the database) and the callers of `open_document`.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import paging
from db.models import KycSubmission, User
from domain import errors
from domain.ids import uuid_or_none
from domain.kyc import PENDING, VERIFIED, mask
from domain.kyc_crypto import DocumentVault, Sealed, document_context, vault_for

log = logging.getLogger("vaultpay.kyc")
LIVE = (PENDING, VERIFIED)
VERIFIED_FINGERPRINT_INDEX = "kyc_verified_fingerprint"


@dataclass(frozen=True)
class Row:
    """A submission with its owner, as moderators list it."""

    submission: KycSubmission
    email: str
    full_name: str


def latest_for_user(session: Session, user_id: uuid.UUID) -> KycSubmission | None:
    return session.execute(
        select(KycSubmission).where(KycSubmission.user_id == user_id)
        .order_by(KycSubmission.submitted_at.desc(), KycSubmission.id).limit(1)
    ).scalar_one_or_none()


def live_status(session: Session, user_id: uuid.UUID) -> str | None:
    return session.execute(
        select(KycSubmission.status)
        .where(KycSubmission.user_id == user_id, KycSubmission.status.in_(LIVE))
    ).scalar_one_or_none()


def verified_for_someone_else(session: Session, fingerprint: str, user_id: uuid.UUID) -> bool:
    return session.execute(select(exists().where(
        KycSubmission.fingerprint == fingerprint, KycSubmission.status == VERIFIED,
        KycSubmission.user_id != user_id,
    ))).scalar_one()


def insert_pending(session: Session, vault: DocumentVault, user_id: uuid.UUID,
                   doc_type: str, number: str) -> KycSubmission | None:
    """Seal and insert a pending submission; None if the user has a live one already
    (a concurrent submit won: ON CONFLICT on the partial unique index)."""
    submission_id = uuid.uuid4()
    sealed = vault.seal(number, document_context(submission_id, user_id, doc_type))
    inserted = session.execute(
        pg_insert(KycSubmission).values(
            id=submission_id, user_id=user_id, doc_type=doc_type,
            doc_number_ciphertext=sealed.blob, key_id=sealed.key_id,
            fingerprint=vault.fingerprint(doc_type, number),
            doc_number_masked=mask(doc_type, number), status=PENDING, auto_check_notes=[],
        )
        .on_conflict_do_nothing(index_elements=[KycSubmission.user_id],
                                index_where=KycSubmission.status.in_(LIVE))
        .returning(KycSubmission.id)
    ).scalar_one_or_none()
    return None if inserted is None else session.get(KycSubmission, inserted)


def get(session: Session, submission_id: object, *, for_update: bool = False) -> KycSubmission:
    """The submission with this id (row-locked when asked), or KycSubmissionNotFound
    for an unknown or malformed id."""
    parsed = uuid_or_none(submission_id)
    submission = None if parsed is None else session.get(
        KycSubmission, parsed, with_for_update=for_update)
    if submission is None:
        raise errors.KycSubmissionNotFound()
    return submission


def with_owner(session: Session, submission: KycSubmission) -> Row:
    user = session.get(User, submission.user_id)
    return Row(submission, user.email, user.full_name)


def page(session: Session, *, status: str | None, user_id: uuid.UUID | None,
         page: int, per_page: int) -> tuple[list[Row], int]:
    """Oldest first: the moderators' queue is worked in arrival order."""
    query = select(KycSubmission, User.email, User.full_name).join(
        User, User.id == KycSubmission.user_id)
    if status:
        query = query.where(KycSubmission.status == status)
    if user_id:
        query = query.where(KycSubmission.user_id == user_id)
    rows, total = paging.page_of(session, query, (KycSubmission.submitted_at, KycSubmission.id),
                                 page, per_page)
    return [Row(*row) for row in rows], total


def others_with_document(session: Session, submission: KycSubmission) -> list[KycSubmission]:
    """Other users' pending or verified submissions of the same document."""
    return list(session.execute(
        select(KycSubmission).where(
            KycSubmission.fingerprint == submission.fingerprint,
            KycSubmission.user_id != submission.user_id,
            KycSubmission.status.in_(LIVE),
        ).order_by(KycSubmission.submitted_at)
    ).scalars())


def sealed_of(submission: KycSubmission) -> tuple[Sealed, bytes]:
    context = document_context(submission.id, submission.user_id, submission.doc_type)
    return Sealed(submission.key_id, submission.doc_number_ciphertext), context


def open_document(vault: DocumentVault, submission: KycSubmission) -> str:
    try:
        return vault.open(*sealed_of(submission))
    except errors.KycDocumentUnreadable:
        log.warning("kyc document unreadable submission_id=%s key_id=%s",
                    submission.id, submission.key_id)
        raise


def flush_verification(session: Session) -> None:
    """Flush a verification; a document verified meanwhile for someone else (the
    approve-time race the partial unique index settles) becomes KycDuplicateDocument."""
    try:
        session.flush()
    except IntegrityError as exc:
        if getattr(exc.orig.diag, "constraint_name", None) == VERIFIED_FINGERPRINT_INDEX:
            raise errors.KycDuplicateDocument() from None
        raise


def stale_key_batch(session: Session, current_key_id: str, after: uuid.UUID | None,
                    size: int) -> list[KycSubmission]:
    """The next rows sealed under another key, in id order, row-locked."""
    query = select(KycSubmission).where(KycSubmission.key_id != current_key_id)
    if after is not None:
        query = query.where(KycSubmission.id > after)
    return list(session.execute(
        query.order_by(KycSubmission.id).limit(size).with_for_update()
    ).scalars())


def count_by_key(session: Session) -> dict[str, int]:
    return dict(session.execute(
        select(KycSubmission.key_id, func.count()).group_by(KycSubmission.key_id)
    ).all())


def vault_from(settings) -> DocumentVault:
    """The vault the configuration describes (cached per configuration)."""
    return vault_for(settings.kyc_encryption_keys, settings.kyc_current_key_id,
                     settings.kyc_fingerprint_key)


def record_decision(submission: KycSubmission, status: str, reviewer: uuid.UUID) -> None:
    submission.status = status
    submission.reviewed_by = reviewer
    submission.reviewed_at = func.now()
    submission.updated_at = func.now()


def get_for_review(session: Session, submission_id: uuid.UUID) -> KycSubmission | None:
    return session.get(KycSubmission, submission_id, with_for_update=True)


def record_auto_check(submission: KycSubmission, status: str, notes: list[str]) -> None:
    submission.auto_check_status = status
    submission.auto_check_notes = notes
    submission.auto_checked_at = func.now()
    submission.updated_at = func.now()
