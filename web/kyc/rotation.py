"""`flask --app wsgi rotate-kyc-key`: re-seal every stored document under the current key.

Batches of rows, each re-sealed and committed in its own transaction with its audit
row, so an interrupted run keeps what it did and a rerun continues with the rest;
a run with nothing left to do changes nothing and says so. Only counts and
submission ids are printed, never a number.
"""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from db import audit
from db import kyc as kyc_rows
from db.audit import SYSTEM
from domain import errors
from domain.audit import ROTATE_KYC_KEY
from domain.kyc_crypto import DocumentVault
from web import context


@click.command("rotate-kyc-key")
@click.option("--batch-size", default=200, show_default=True, type=click.IntRange(min=1),
              help="Documents re-encrypted per transaction.")
@with_appcontext
def rotate_kyc_key(batch_size: int) -> None:
    """Re-encrypt KYC documents sealed under an older key with KYC_CURRENT_KEY_ID."""
    vault = kyc_rows.vault_from(context.settings())
    current = vault.current_key_id
    click.echo(f"Current key: {current}; documents by key: {_counts()}")
    re_encrypted, unreadable, after = 0, [], None
    while True:
        done, failed, after = _rotate_batch(vault, after, batch_size)
        if not done and not failed:
            break
        re_encrypted += done
        unreadable += failed
        click.echo(f"  batch: {done} re-encrypted, {len(failed)} unreadable")
    if re_encrypted == 0 and not unreadable:
        click.echo(f"Nothing to do: every document is already under key {current}")
        return
    click.echo(f"Re-encrypted {re_encrypted} documents under key {current}; "
               f"documents by key now: {_counts()}")
    if unreadable:
        raise click.ClickException(
            f"{len(unreadable)} documents could not be decrypted and were left as they are "
            f"(missing key or tampered ciphertext): {', '.join(unreadable)}")


def _rotate_batch(vault: DocumentVault, after, size: int) -> tuple[int, list[str], object]:
    done, failed = 0, []
    with context.uow() as session:
        rows = kyc_rows.stale_key_batch(session, vault.current_key_id, after, size)
        for submission in rows:
            sealed, document = kyc_rows.sealed_of(submission)
            try:
                fresh = vault.reseal(sealed, document)
            except errors.KycDocumentUnreadable:
                failed.append(str(submission.id))
                continue
            submission.key_id, submission.doc_number_ciphertext = fresh.key_id, fresh.blob
            done += 1
        if done:
            audit.record(session, SYSTEM, ROTATE_KYC_KEY, "kyc_key", vault.current_key_id,
                         after={"re_encrypted": done})
    return done, failed, rows[-1].id if rows else after


def _counts() -> str:
    with context.uow() as session:
        counts = kyc_rows.count_by_key(session)
    return ", ".join(f"{key_id}={count}" for key_id, count in sorted(counts.items())) or "none"
