"""KYC for the wallet owner, the review job, key rotation, and the proof that no plain
document number is stored or logged. (Moderation: tests/test_kyc_moderation.py.)"""
from __future__ import annotations

import base64
import logging
import os
import threading
import uuid

import psycopg
import pytest
from psycopg import sql

import settings as settings_module
from tests.support.kyc import (
    new_number,
    spaced,
    submit,
    submitted,
    wait_all_reviewed,
    wait_reviewed,
)
from tests.support.waiting import eventually, wait_for_lock_waiters
from workers.outbox import publish

pytestmark = pytest.mark.usefixtures("worker")


@pytest.fixture()
def moderator(api):
    return api.user(role="moderator")


def test_submitting_a_document_returns_pending_and_never_echoes_the_number(api, db):
    alice = api.wallet(kyc=False)
    number = new_number("aadhaar")
    response = submit(api, alice, "aadhaar", spaced(number))
    assert response.status_code == 201, response.json
    data = response.json["data"]
    assert data["status"] == "pending" and data["submitted_at"]
    assert data["doc_number_masked"] == f"XXXX XXXX {number[-4:]}"
    assert number not in response.get_data(as_text=True)
    assert number[:8] not in response.get_data(as_text=True)

    status = api.get("/kyc/status", alice).json["data"]
    assert status == {**status, "status": "pending", "doc_type": "aadhaar",
                      "submission_id": data["submission_id"], "rejection_reason": None,
                      "doc_number_masked": f"XXXX XXXX {number[-4:]}"}
    assert wait_reviewed(db, data["submission_id"]) == {"auto_check_status": "passed",
                                                        "auto_check_notes": []}


@pytest.mark.parametrize("doc_type", ["pan", "passport", "driving_license", "voter_id"])
def test_every_document_type_is_accepted_and_shown_with_its_last_four(api, doc_type):
    alice = api.wallet(kyc=False)
    number = new_number(doc_type)
    response = submit(api, alice, doc_type, number.lower())
    assert response.status_code == 201, response.json
    status = api.get("/kyc/status", alice).json["data"]
    assert status["doc_type"] == doc_type
    assert status["doc_number_masked"] == "X" * (len(number) - 4) + number[-4:]


def test_the_seeds_spelling_aadhar_is_accepted_and_stored_as_aadhaar(api, db):
    alice = api.wallet(kyc=False)
    refused = submit(api, alice, "aadhar", "234567890125")  # Aadhaar's check digit still applies
    assert refused.status_code == 422 and "doc_number" in refused.json["details"]
    number = new_number("aadhaar")
    response = submit(api, alice, "aadhar", spaced(number))
    assert response.status_code == 201, response.json
    assert response.json["data"]["doc_number_masked"] == f"XXXX XXXX {number[-4:]}"
    assert api.get("/kyc/status", alice).json["data"]["doc_type"] == "aadhaar"
    assert db.execute("SELECT doc_type FROM kyc_submissions WHERE user_id = %s",
                      (alice.user_id,)).fetchone()[0] == "aadhaar"


def test_status_is_none_before_any_submission(api):
    assert api.get("/kyc/status", api.user()).json["data"] == {
        "status": "none", "submission_id": None, "doc_type": None, "doc_number_masked": None,
        "rejection_reason": None, "submitted_at": None, "reviewed_at": None}


def test_submitting_needs_a_wallet(api):
    response = submit(api, api.user())
    assert response.status_code == 404 and response.json["error_code"] == "WALLET_NOT_FOUND"


@pytest.mark.parametrize("doc_type, number", [
    ("aadhaar", "234567890125"),      # Verhoeff check digit wrong
    ("aadhaar", "123456789010"),      # starts with 1
    ("aadhaar", "२३४५६७८९०१२४"),      # non-ASCII digits
    ("aadhaar", "234567890124\n"),
    ("pan", "ABCD12345F"),
    ("passport", "12345678"),
    ("driving_license", "MH1418110062821"),
    ("voter_id", "AB1234567"),
])
def test_numbers_that_break_their_type_rules_are_validation_errors(api, doc_type, number):
    alice = api.wallet(kyc=False)
    response = submit(api, alice, doc_type, number)
    assert response.status_code == 422, response.json
    assert response.json["error_code"] == "VALIDATION_ERROR"
    assert list(response.json["details"]) == ["doc_number"]
    assert number.strip() not in response.get_data(as_text=True)
    assert api.get("/kyc/status", alice).json["data"]["status"] == "none"


def test_unknown_types_missing_and_extra_fields_are_refused(api):
    alice = api.wallet(kyc=False)
    for body, field in [({"doc_type": "ration_card", "doc_number": "X"}, "doc_type"),
                        ({"doc_type": "pan"}, "doc_number"),
                        ({"doc_type": "pan", "doc_number": "ABCDE1234F", "name": "x"}, "name"),
                        ({"doc_type": "pan", "doc_number": "A" * 65}, "doc_number")]:
        response = api.post("/kyc/submit", alice, json=body)
        assert response.status_code == 422 and field in response.json["details"], body


def test_a_pending_submission_blocks_another(api):
    alice = api.wallet(kyc=False)
    submitted(api, alice)
    response = submit(api, alice, "pan")
    assert response.status_code == 409 and response.json["error_code"] == "KYC_ALREADY_SUBMITTED"


def test_a_concurrent_submission_of_the_same_user_loses_cleanly(api, app, database_url):
    from db.kyc import vault_from
    from domain.kyc_crypto import document_context

    alice = api.wallet(kyc=False)
    vault, rival_id, number = vault_from(app.config["SETTINGS"]), uuid.uuid4(), new_number("pan")
    sealed = vault.seal(number, document_context(rival_id, alice.user_id, "pan"))
    result = {}
    with psycopg.connect(database_url.replace("+psycopg", "")) as rival:
        # The rival's insert is not committed: the request's own check cannot see it,
        # so only the unique index stands between them.
        rival.execute(
            "INSERT INTO kyc_submissions (id, user_id, doc_type, doc_number_ciphertext, key_id,"
            " fingerprint, doc_number_masked) VALUES (%s, %s, 'pan', %s, %s, %s, 'XXXXXX0000')",
            (rival_id, alice.user_id, sealed.blob, sealed.key_id, vault.fingerprint("pan", number)))
        client = app.test_client()
        thread = threading.Thread(target=lambda: result.update(response=client.post(
            "/api/v1/kyc/submit", headers=alice.headers,
            json={"doc_type": "aadhaar", "doc_number": new_number("aadhaar")})))
        thread.start()
        wait_for_lock_waiters(api.db, 1)
        rival.commit()
    thread.join(timeout=30)
    publish("workers.review_kyc", [str(rival_id)])  # as the rival's own request would have
    assert result["response"].status_code == 409
    assert result["response"].json["error_code"] == "KYC_ALREADY_SUBMITTED"
    assert api.get("/kyc/status", alice).json["data"]["submission_id"] == str(rival_id)


def test_kyc_endpoints_need_a_token(api):
    assert api.get("/kyc/status").json["error_code"] == "TOKEN_MISSING"
    assert submit(api, None).status_code == 401


# --- the review job ------------------------------------------------------------------
def test_the_review_job_is_idempotent_under_redelivery(api, db, worker):
    alice = api.wallet(kyc=False)
    submission_id = submitted(api, alice)
    wait_reviewed(db, submission_id)
    [checked_at] = db.execute("SELECT auto_checked_at FROM kyc_submissions WHERE id = %s",
                              (submission_id,)).fetchone()
    publish("workers.review_kyc", [submission_id])
    publish("workers.review_kyc", ["not-a-uuid"])
    _wait_for_log(worker, f"kyc review skipped submission_id={submission_id}")
    assert db.execute("SELECT auto_checked_at FROM kyc_submissions WHERE id = %s",
                      (submission_id,)).fetchone()[0] == checked_at
    assert db.execute("SELECT count(*) FROM notifications WHERE type = 'kyc_review_needed'"
                      " AND metadata->>'submission_id' = %s", (submission_id,)).fetchone()[0] \
        == db.execute("SELECT count(*) FROM users WHERE is_active AND role <> 'user'").fetchone()[0]


def _review_notices(api, caller, submission_id: str) -> list[dict]:
    feed = api.get("/notifications", caller, query_string={"per_page": 100}).json["data"]["items"]
    return [item for item in feed if item["type"] == "kyc_review_needed"
            and item["metadata"]["submission_id"] == submission_id]


def test_moderators_are_notified_when_a_submission_reaches_their_queue(api, db):
    moderator, admin, boss = api.user("moderator"), api.user("admin"), api.user("super_admin")
    retired, customer = api.user("moderator"), api.user()
    db.execute("UPDATE users SET is_active = false WHERE id = %s", (retired.user_id,))
    submitter = api.wallet(api.user("moderator"), kyc=False)
    number = new_number("pan")
    submission_id = submitted(api, submitter, "pan", number)
    assert wait_reviewed(db, submission_id)["auto_check_status"] == "passed"

    for reviewer in (moderator, admin, boss):
        [notice] = _review_notices(api, reviewer, submission_id)
        assert notice["metadata"] == {"submission_id": submission_id, "auto_check_status": "passed"}
        assert "pan" in notice["body"] and number not in str(notice)
    # Not the customer, not a deactivated moderator, and not the submitter, who may not review it.
    for other in (customer, submitter):
        assert _review_notices(api, other, submission_id) == []
    assert db.execute("SELECT count(*) FROM notifications WHERE user_id = %s",
                      (retired.user_id,)).fetchone()[0] == 0


def test_the_review_flags_another_users_pending_copy_of_the_document(api, db):
    number = new_number("passport")
    first = submitted(api, api.wallet(kyc=False), "passport", number)
    wait_reviewed(db, first)
    second = submitted(api, api.wallet(kyc=False), "passport", number)
    review = wait_reviewed(db, second)
    assert review["auto_check_status"] == "flagged"
    [note] = review["auto_check_notes"]
    assert note.startswith("duplicate: same document as pending submission " + first)
    assert number not in note


def test_the_review_flags_a_tampered_document(api, db, moderator):
    submission_id = submitted(api, api.wallet(kyc=False), "voter_id")
    wait_reviewed(db, submission_id)
    [blob] = db.execute("SELECT doc_number_ciphertext FROM kyc_submissions WHERE id = %s",
                        (submission_id,)).fetchone()
    tampered = bytes(blob[:-1]) + bytes([blob[-1] ^ 1])
    try:
        db.execute("UPDATE kyc_submissions SET doc_number_ciphertext = %s, auto_check_status = NULL,"
                   " auto_checked_at = NULL WHERE id = %s", (tampered, submission_id))
        publish("workers.review_kyc", [submission_id])
        review = wait_reviewed(db, submission_id)
        assert review["auto_check_status"] == "flagged"
        assert review["auto_check_notes"][0].startswith("document_unreadable")
        response = api.get(f"/admin/kyc/{submission_id}", moderator)
        assert response.status_code == 500
        assert response.json["error_code"] == "KYC_DOCUMENT_UNREADABLE"
    finally:  # later tests rotate every document; leave this one readable
        db.execute("UPDATE kyc_submissions SET doc_number_ciphertext = %s WHERE id = %s",
                   (blob, submission_id))


def _wait_for_log(worker, text: str, timeout_s: float = 20) -> None:
    assert eventually(lambda: text in worker.logs(), timeout_s), f"worker never logged {text!r}"


# --- key rotation --------------------------------------------------------------------
def _app_with_keys(keys: str, current: str):
    from web.app import create_app

    return create_app(test_config={"kyc_encryption_keys": keys, "kyc_current_key_id": current})


def test_rotate_kyc_key_reencrypts_every_document_once_and_resumes(api, db, moderator):
    numbers = {}
    for doc_type in ("aadhaar", "pan", "passport"):
        number = new_number(doc_type)
        numbers[submitted(api, api.wallet(kyc=False), doc_type, number)] = number
    # The worker knows only the development key: let it finish before documents move.
    wait_all_reviewed(db)
    keys = f"{settings_module.DEV_KYC_KEYS},k2:{base64.b64encode(os.urandom(32)).decode()}"
    rotated = _app_with_keys(keys, "k2")
    runner = rotated.test_cli_runner()
    early_id = next(iter(numbers))
    _reseal_one_as_an_interrupted_run_would(rotated, early_id)
    [early_blob] = db.execute("SELECT doc_number_ciphertext FROM kyc_submissions WHERE id = %s",
                              (early_id,)).fetchone()
    total = db.execute("SELECT count(*) FROM kyc_submissions").fetchone()[0]
    try:
        first = runner.invoke(args=["rotate-kyc-key", "--batch-size", "2"])
        assert first.exit_code == 0, first.output
        assert f"Re-encrypted {total - 1} documents under key k2" in first.output
        assert first.output.count("batch:") >= 2
        assert db.execute("SELECT count(*) FROM kyc_submissions WHERE key_id <> 'k2'").fetchone()[0] == 0
        assert db.execute("SELECT doc_number_ciphertext FROM kyc_submissions WHERE id = %s",
                          (early_id,)).fetchone()[0] == early_blob  # not done twice

        second = runner.invoke(args=["rotate-kyc-key"])
        assert second.exit_code == 0 and "Nothing to do" in second.output
        assert not any(number in first.output + second.output for number in numbers.values())

        reader = rotated.test_client()
        for submission_id, number in numbers.items():
            response = reader.get(f"/api/v1/admin/kyc/{submission_id}", headers=moderator.headers)
            assert response.json["data"]["doc_number"] == number
    finally:  # back to the key the rest of the suite (and the worker) uses
        back = _app_with_keys(keys, "dev1").test_cli_runner().invoke(args=["rotate-kyc-key"])
        assert back.exit_code == 0, back.output
    assert db.execute("SELECT count(*) FROM kyc_submissions WHERE key_id <> 'dev1'").fetchone()[0] == 0


def _reseal_one_as_an_interrupted_run_would(app, submission_id: str) -> None:
    from db import kyc as kyc_rows

    with app.app_context():
        from web import context

        vault = kyc_rows.vault_from(context.settings())
        with context.uow() as session:
            submission = kyc_rows.get(session, submission_id, for_update=True)
            fresh = vault.reseal(*kyc_rows.sealed_of(submission))
            submission.key_id, submission.doc_number_ciphertext = fresh.key_id, fresh.blob


# --- the plain number is nowhere -----------------------------------------------------
def test_plain_numbers_are_nowhere_in_the_database_or_the_logs(api, db, worker, moderator, caplog):
    caplog.set_level(logging.DEBUG)  # SQL statements and their parameters included
    typed = {doc_type: new_number(doc_type)
             for doc_type in ("aadhaar", "pan", "passport", "driving_license", "voter_id")}
    ids = {doc_type: submitted(api, api.wallet(kyc=False), doc_type,
                               spaced(number) if doc_type == "aadhaar" else number)
           for doc_type, number in typed.items()}
    for submission_id in ids.values():
        wait_reviewed(db, submission_id)
    assert api.get(f"/admin/kyc/{ids['aadhaar']}", moderator).status_code == 200
    assert api.post(f"/admin/kyc/{ids['aadhaar']}/approve", moderator).status_code == 200
    assert api.post(f"/admin/kyc/{ids['pan']}/reject", moderator,
                    json={"rejection_reason": "Name does not match"}).status_code == 200
    # The same documents offered again are refused or queued, and logged by neither path.
    assert submit(api, api.wallet(kyc=False), "aadhaar", typed["aadhaar"]).status_code == 409
    submit(api, api.wallet(kyc=False), "pan", "invalid " + typed["pan"])

    needles = {n for number in typed.values() for n in (number, spaced(number))}
    assert _database_holding(db, needles) == []
    logs = caplog.text + worker.logs()
    assert [n for n in needles if n in logs or n in logs.replace(" ", "")] == []


def _database_holding(db, needles: set[str]) -> list[str]:
    columns = db.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = 'public' AND data_type IN"
        " ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')"
    ).fetchall()
    assert ("kyc_submissions", "doc_number_masked", "text") in columns
    found = []
    for table, column, data_type in columns:
        as_text = (sql.SQL("encode({}, 'escape')") if data_type == "bytea"
                   else sql.SQL("{}::text")).format(sql.Identifier(column))
        for needle in needles:
            hit = db.execute(sql.SQL(
                "SELECT 1 FROM {} WHERE replace({}, ' ', '') ILIKE %s LIMIT 1"
            ).format(sql.Identifier(table), as_text), (f"%{needle.replace(' ', '')}%",)).fetchone()
            if hit:
                found.append(f"{table}.{column}")
    return found
