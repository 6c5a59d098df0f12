"""Idempotency fingerprints (domain/idempotency.py): what makes two requests "the same"
for one key, with no database."""
from __future__ import annotations

import hashlib
import json
from types import SimpleNamespace

import pytest

from domain import errors
from domain.idempotency import fingerprint, same_request

SEND = {"recipient_wallet_id": "VPY-ABC123", "amount": "10.00", "description": "rent"}


def test_a_retry_with_another_pin_is_the_same_request():
    assert fingerprint("send", {**SEND, "pin": "1234"}) == fingerprint("send", {**SEND, "pin": "9999"})


@pytest.mark.parametrize("change", [{"amount": "10.01"}, {"recipient_wallet_id": "VPY-ABC124"},
                                    {"description": "Rent"}, {"quote_id": "q"}])
def test_any_other_field_makes_another_request(change):
    assert fingerprint("send", SEND) != fingerprint("send", {**SEND, **change})


def test_the_kind_is_part_of_the_request():
    assert fingerprint("send", SEND) != fingerprint("hold", SEND)


def test_fingerprints_already_stored_still_match():
    # Rows written before the fingerprint had one home hashed exactly this, so a
    # client retrying across the upgrade still gets its replay.
    stored = hashlib.sha256(json.dumps({"type": "send", **SEND}, sort_keys=True).encode()).hexdigest()
    assert fingerprint("send", {**SEND, "pin": "1234"}) == stored


def test_the_same_key_for_another_request_is_refused():
    earlier = SimpleNamespace(request_fingerprint=fingerprint("send", SEND))
    assert same_request(earlier, fingerprint("send", SEND)) is earlier
    with pytest.raises(errors.IdempotencyKeyReused):
        same_request(earlier, fingerprint("send", {**SEND, "amount": "11.00"}))
