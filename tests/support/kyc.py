"""KYC test helpers: fresh valid document numbers, submitting, and waiting for review."""
from __future__ import annotations

import random
import string

from tests.support.waiting import eventually
from tests.unit.test_kyc_documents import random_aadhaar

_rng = random.Random()


def _letters(n: int) -> str:
    return "".join(_rng.choice(string.ascii_uppercase) for _ in range(n))


def _digits(n: int) -> str:
    return "".join(_rng.choice(string.digits) for _ in range(n))


def new_number(doc_type: str) -> str:
    """A valid number nobody else in this test database has (random, so tests never
    trip over each other's documents)."""
    return {
        "aadhaar": lambda: random_aadhaar(_rng),
        "pan": lambda: _letters(5) + _digits(4) + _letters(1),
        "passport": lambda: _letters(1) + _digits(7),
        "driving_license": lambda: _letters(2) + _digits(2) + str(_rng.randint(1960, 2025)) + _digits(7),
        "voter_id": lambda: _letters(3) + _digits(7),
    }[doc_type]()


def spaced(aadhaar: str) -> str:
    return " ".join((aadhaar[:4], aadhaar[4:8], aadhaar[8:]))


def submit(api, caller, doc_type: str = "aadhaar", number: str | None = None):
    return api.post("/kyc/submit", caller, json={
        "doc_type": doc_type, "doc_number": number or new_number(doc_type)})


def submitted(api, caller, doc_type: str = "aadhaar", number: str | None = None) -> str:
    response = submit(api, caller, doc_type, number)
    assert response.status_code == 201, response.json
    return response.json["data"]["submission_id"]


def wait_reviewed(db, submission_id: str, timeout_s: float = 20) -> dict:
    """The automated review's result once the review job has recorded it."""
    def reviewed() -> dict | None:
        status, notes = db.execute(
            "SELECT auto_check_status, auto_check_notes FROM kyc_submissions WHERE id = %s",
            (submission_id,)).fetchone()
        return None if status is None else {"auto_check_status": status, "auto_check_notes": notes}

    result = eventually(reviewed, timeout_s)
    assert result, f"review job did not run for {submission_id}"
    return result


def wait_all_reviewed(db, timeout_s: float = 30) -> None:
    assert eventually(lambda: not db.execute(
        "SELECT count(*) FROM kyc_submissions WHERE auto_checked_at IS NULL").fetchone()[0],
        timeout_s), "review jobs did not all run"
