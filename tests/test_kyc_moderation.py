"""Moderators' KYC endpoints: the queue, the audited decrypted view, approve and reject
with their wallet, audit, notification and email effects, and the races between them."""
from __future__ import annotations

import threading

import psycopg
import pytest
from celery.signals import before_task_publish

from tests.support.kyc import new_number, submit, submitted
from tests.support.routes import NOWHERE
from tests.support.waiting import wait_for_lock_waiters

pytestmark = pytest.mark.usefixtures("worker")


@pytest.fixture()
def moderator(api):
    return api.user(role="moderator")


@pytest.fixture()
def published():
    """Jobs this process publishes (the after-commit half of the outbox)."""
    jobs: list[tuple[str, list]] = []

    def capture(sender=None, body=None, **_):
        jobs.append((sender, list(body[0])))

    before_task_publish.connect(capture, weak=False)
    yield jobs
    before_task_publish.disconnect(capture)


def _audit(db, action: str, submission_id: str) -> list[tuple]:
    return db.execute(
        "SELECT actor_id::text, before_state, after_state, reason FROM audit_logs"
        " WHERE action = %s AND target_type = 'kyc_submission' AND target_id = %s",
        (action, submission_id)).fetchall()


def _notifications(db, user_id: str) -> list[tuple]:
    return db.execute("SELECT title, body, metadata FROM notifications"
                      " WHERE user_id = %s AND type = 'kyc_decided'", (user_id,)).fetchall()


def _wallet_kyc(db, wallet_id: str) -> tuple:
    return db.execute("SELECT kyc_verified, kyc_tier FROM wallets WHERE id = %s",
                      (wallet_id,)).fetchone()


# --- the queue and the decrypted view ------------------------------------------------
def test_the_queue_lists_masked_numbers_and_filters_by_status_and_user(api, moderator):
    alice = api.wallet(kyc=False)
    number = new_number("pan")
    submission_id = submitted(api, alice, "pan", number)
    response = api.get(f"/admin/kyc?status=pending&user_id={alice.user_id}", moderator)
    assert response.status_code == 200
    page = response.json["data"]
    assert (page["total"], page["page"], page["per_page"]) == (1, 1, 20)
    [item] = page["items"]
    assert item["submission_id"] == submission_id and item["user_email"] == alice.email
    assert item["doc_number_masked"] == "XXXXXX" + number[-4:] and "doc_number" not in item
    assert item["review_state"] in ("awaiting_checks", "awaiting_moderator")
    assert number not in response.get_data(as_text=True)
    verified = api.get(f"/admin/kyc?status=verified&user_id={alice.user_id}", moderator)
    assert verified.json["data"]["total"] == 0
    assert api.get("/admin/kyc?per_page=101", moderator).status_code == 422
    assert api.get("/admin/kyc?status=lost", moderator).status_code == 422
    assert api.get("/admin/kyc?colour=red", moderator).status_code == 422


def test_opening_a_submission_decrypts_it_and_is_audited(api, db, moderator):
    number = new_number("driving_license")
    submission_id = submitted(api, api.wallet(kyc=False), "driving_license", number)
    response = api.get(f"/admin/kyc/{submission_id}", moderator)
    assert response.status_code == 200
    assert response.json["data"]["doc_number"] == number
    assert response.headers["Cache-Control"] == "no-store"
    [(actor, before, after, reason)] = _audit(db, "VIEWED_KYC_DOCUMENT", submission_id)
    assert actor == moderator.user_id and (before, after, reason) == (None, None, None)
    api.get(f"/admin/kyc/{submission_id}", moderator)
    assert len(_audit(db, "VIEWED_KYC_DOCUMENT", submission_id)) == 2


def test_plain_users_are_refused_every_moderator_endpoint(api):
    mallory = api.wallet(kyc=False)
    submission_id = submitted(api, mallory)
    for method, path in [("GET", "/admin/kyc"), ("GET", f"/admin/kyc/{submission_id}"),
                         ("POST", f"/admin/kyc/{submission_id}/approve"),
                         ("POST", f"/admin/kyc/{submission_id}/reject")]:
        response = api.call(method, path, mallory, json={"rejection_reason": "x"}
                            if path.endswith("reject") else None)
        assert response.status_code == 403, path
        assert response.json["error_code"] == "INSUFFICIENT_PERMISSIONS"
    assert api.get("/kyc/status", mallory).json["data"]["status"] == "pending"


@pytest.mark.parametrize("submission_id", [NOWHERE, "not-a-uuid"])
def test_unknown_or_malformed_submissions_are_not_found(api, moderator, submission_id):
    for method, path in [("GET", f"/admin/kyc/{submission_id}"),
                         ("POST", f"/admin/kyc/{submission_id}/approve"),
                         ("POST", f"/admin/kyc/{submission_id}/reject")]:
        response = api.call(method, path, moderator, json={"rejection_reason": "Blurred"}
                            if path.endswith("reject") else None)
        assert response.status_code == 404, path
        assert response.json["error_code"] == "KYC_SUBMISSION_NOT_FOUND"


# --- decisions -----------------------------------------------------------------------
def test_approval_verifies_the_wallet_audits_notifies_emails_and_unlocks_money(
        api, db, moderator, published):
    alice = api.wallet(kyc=False)
    assert api.money("topup", alice, {"amount": "1.00", "payment_method": "upi"}
                     ).json["error_code"] == "KYC_NOT_VERIFIED"
    submission_id = submitted(api, alice)
    response = api.post(f"/admin/kyc/{submission_id}/approve", moderator)
    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert (data["status"], data["review_state"], data["reviewed_by"]) == (
        "verified", "decided", moderator.user_id)
    assert _wallet_kyc(db, alice.wallet_id) == (True, 1)
    status = api.get("/kyc/status", alice).json["data"]
    assert status["status"] == "verified" and status["reviewed_at"]

    [(actor, before, after, _)] = _audit(db, "APPROVED_KYC", submission_id)
    assert actor == moderator.user_id
    assert before == {"status": "pending", "wallet_id": alice.wallet_id,
                      "kyc_verified": False, "kyc_tier": 0}
    assert after == {**before, "status": "verified", "kyc_verified": True, "kyc_tier": 1}
    [(title, _, metadata)] = _notifications(db, alice.user_id)
    assert title == "KYC verified"
    assert metadata == {"submission_id": submission_id, "status": "verified"}
    assert ("workers.send_email", ["kyc_decided", alice.user_id, submission_id]) in published

    assert api.topup(alice, "100.00", wait=10)["status"] == "completed"
    assert api.balance(alice) == "100.00"
    again = submit(api, alice)
    assert again.status_code == 409 and again.json["error_code"] == "KYC_ALREADY_VERIFIED"


def test_rejection_needs_a_reason_then_lets_the_user_submit_again(api, db, moderator, published):
    alice = api.wallet(kyc=False)
    submission_id = submitted(api, alice)
    for body in ({}, {"rejection_reason": "   "}, {"rejection_reason": "x" * 501}):
        response = api.post(f"/admin/kyc/{submission_id}/reject", moderator, json=body)
        assert response.status_code == 422 and "rejection_reason" in response.json["details"]

    reason = "The photo is too blurred to read"
    response = api.post(f"/admin/kyc/{submission_id}/reject", moderator,
                        json={"rejection_reason": f"  {reason} "})
    assert response.status_code == 200 and response.json["data"]["status"] == "rejected"
    status = api.get("/kyc/status", alice).json["data"]
    assert (status["status"], status["rejection_reason"]) == ("rejected", reason)
    assert _wallet_kyc(db, alice.wallet_id) == (False, 0)
    [(actor, before, after, audit_reason)] = _audit(db, "REJECTED_KYC", submission_id)
    assert (actor, before, after, audit_reason) == (
        moderator.user_id, {"status": "pending"}, {"status": "rejected"}, reason)
    [(title, body, _)] = _notifications(db, alice.user_id)
    assert title == "KYC rejected" and reason in body
    assert ("workers.send_email", ["kyc_decided", alice.user_id, submission_id]) in published

    resubmitted = submit(api, alice, "pan")
    assert resubmitted.status_code == 201
    status = api.get("/kyc/status", alice).json["data"]
    assert (status["status"], status["doc_type"], status["rejection_reason"]) == (
        "pending", "pan", None)


def test_the_decision_email_arrives_without_the_number(api, moderator, mailbox):
    approved_number, rejected_number = new_number("aadhaar"), new_number("passport")
    alice, bob = api.wallet(kyc=False), api.wallet(kyc=False)
    approved = submitted(api, alice, "aadhaar", approved_number)
    rejected = submitted(api, bob, "passport", rejected_number)
    assert api.post(f"/admin/kyc/{approved}/approve", moderator).status_code == 200
    assert api.post(f"/admin/kyc/{rejected}/reject", moderator,
                    json={"rejection_reason": "The passport has expired"}).status_code == 200

    welcome = mailbox.wait_for(alice.email, "verified")
    assert "was verified" in welcome.body
    refusal = mailbox.wait_for(bob.email, "not accepted")
    assert "The passport has expired" in refusal.body
    for mail, number in ((welcome, approved_number), (refusal, rejected_number)):
        text = mail.subject + mail.body
        assert number not in text


def test_a_rejection_reason_may_not_quote_the_number(api, db, moderator):
    number = new_number("aadhaar")
    submission_id = submitted(api, api.wallet(kyc=False), "aadhaar", number)
    quoted = f"Number {number[:4]} {number[4:8]} {number[8:]} does not match the name"
    response = api.post(f"/admin/kyc/{submission_id}/reject", moderator,
                        json={"rejection_reason": quoted})
    assert response.status_code == 422 and "rejection_reason" in response.json["details"]
    assert db.execute("SELECT status FROM kyc_submissions WHERE id = %s",
                      (submission_id,)).fetchone()[0] == "pending"


def test_only_pending_submissions_can_be_decided(api, moderator):
    approved = submitted(api, api.wallet(kyc=False))
    rejected = submitted(api, api.wallet(kyc=False))
    assert api.post(f"/admin/kyc/{approved}/approve", moderator).status_code == 200
    assert api.post(f"/admin/kyc/{rejected}/reject", moderator,
                    json={"rejection_reason": "Expired"}).status_code == 200
    for submission_id in (approved, rejected):
        for path, body in (("approve", None), ("reject", {"rejection_reason": "Changed mind"})):
            response = api.post(f"/admin/kyc/{submission_id}/{path}", moderator, json=body)
            assert response.status_code == 409 and response.json["error_code"] == "KYC_ALREADY_DECIDED"


def test_a_moderator_cannot_decide_their_own_submission(api, moderator):
    api.wallet(moderator, kyc=False)
    own = submitted(api, moderator)
    response = api.post(f"/admin/kyc/{own}/approve", moderator)
    assert response.status_code == 403 and response.json["error_code"] == "SELF_ACTION_NOT_ALLOWED"
    assert api.post(f"/admin/kyc/{own}/approve", api.user(role="admin")).status_code == 200


# --- duplicates ----------------------------------------------------------------------
def test_a_document_verified_for_someone_else_is_refused(api, db, moderator):
    number = new_number("aadhaar")
    first = submitted(api, api.wallet(kyc=False), "aadhaar", number)
    pending_copy = submitted(api, api.wallet(kyc=False), "aadhaar", number)
    assert api.post(f"/admin/kyc/{first}/approve", moderator).status_code == 200

    late = api.wallet(kyc=False)
    response = submit(api, late, "aadhaar", f"{number[:4]}-{number[4:8]} {number[8:]}")
    assert response.status_code == 409 and response.json["error_code"] == "KYC_DUPLICATE_DOCUMENT"
    assert api.get("/kyc/status", late).json["data"]["status"] == "none"
    response = api.post(f"/admin/kyc/{pending_copy}/approve", moderator)
    assert response.status_code == 409 and response.json["error_code"] == "KYC_DUPLICATE_DOCUMENT"
    # The same number as another document type is another document.
    assert submit(api, late, "pan", new_number("pan")).status_code == 201


def test_the_database_settles_two_approvals_of_one_document(api, db, database_url, moderator):
    number = new_number("voter_id")
    owner_a, owner_b = api.wallet(kyc=False), api.wallet(kyc=False)
    a = submitted(api, owner_a, "voter_id", number)
    b = submitted(api, owner_b, "voter_id", number)
    result = {}
    with psycopg.connect(database_url.replace("+psycopg", "")) as rival:
        # Another approval of `a`, not yet committed: invisible to b's duplicate check.
        rival.execute("UPDATE kyc_submissions SET status = 'verified', reviewed_at = now(),"
                      " reviewed_by = %s WHERE id = %s", (moderator.user_id, a))
        thread = threading.Thread(target=lambda: result.update(
            response=_approve(api, moderator, b)))
        thread.start()
        wait_for_lock_waiters(db, 1)
        rival.commit()
    thread.join(timeout=30)
    assert result["response"].status_code == 409
    assert result["response"].json["error_code"] == "KYC_DUPLICATE_DOCUMENT"
    assert _wallet_kyc(db, owner_b.wallet_id) == (False, 0)
    assert _audit(db, "APPROVED_KYC", b) == []


def test_concurrent_approve_and_reject_one_wins(api, db, database_url, moderator):
    alice = api.wallet(kyc=False)
    submission_id = submitted(api, alice)
    responses = []
    with psycopg.connect(database_url.replace("+psycopg", "")) as holder:
        holder.execute("SELECT 1 FROM kyc_submissions WHERE id = %s FOR UPDATE", (submission_id,))
        threads = [
            threading.Thread(target=lambda: responses.append(_approve(api, moderator, submission_id))),
            threading.Thread(target=lambda: responses.append(_reject(api, moderator, submission_id))),
        ]
        for thread in threads:
            thread.start()
        wait_for_lock_waiters(db, 2)
        holder.commit()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(response.status_code for response in responses) == [200, 409]
    [loser] = [response for response in responses if response.status_code == 409]
    assert loser.json["error_code"] == "KYC_ALREADY_DECIDED"
    status = api.get("/kyc/status", alice).json["data"]["status"]
    decided = _audit(db, "APPROVED_KYC", submission_id) + _audit(db, "REJECTED_KYC", submission_id)
    assert len(decided) == 1 and len(_notifications(db, alice.user_id)) == 1
    assert _wallet_kyc(db, alice.wallet_id) == ((True, 1) if status == "verified" else (False, 0))


def _approve(api, caller, submission_id: str):
    client = api.client.application.test_client()
    return client.post(f"/api/v1/admin/kyc/{submission_id}/approve", headers=caller.headers)


def _reject(api, caller, submission_id: str):
    client = api.client.application.test_client()
    return client.post(f"/api/v1/admin/kyc/{submission_id}/reject", headers=caller.headers,
                       json={"rejection_reason": "Document expired"})


def test_a_decision_raises_the_kyc_decided_webhook_event_for_subscribers(api, db, moderator):
    alice = api.wallet(kyc=False)
    response = api.post("/webhooks", alice, json={"url": "http://127.0.0.1:9/hook",
                                                  "events": ["kyc.decided"]})
    assert response.status_code == 201, response.json
    submission_id = submitted(api, alice)
    assert api.post(f"/admin/kyc/{submission_id}/approve", moderator).status_code == 200
    [(event_type, data)] = db.execute(
        "SELECT type, data FROM webhook_events WHERE user_id = %s", (alice.user_id,)).fetchall()
    assert event_type == "kyc.decided"
    assert data == {"submission_id": submission_id, "status": "verified", "rejection_reason": None}
