"""Bulk payout rules with no database: which items are refused up front, and how a
payout's status follows its items."""
from __future__ import annotations

from decimal import Decimal

import pytest

from domain import payouts
from domain.payouts import Item, Progress

PAYER = "VPY-PAYER1"
KNOWN = {"VPY-ASHA01": "INR", "VPY-RAVI01": "INR", "VPY-EURO01": "EUR", PAYER: "INR"}


def item(index: int, wallet: str = "VPY-ASHA01", amount: str = "10.00", reference=None) -> Item:
    return Item(index, wallet, Decimal(amount), reference)


def test_a_clean_payout_has_no_refusals():
    items = [item(0), item(1, "VPY-RAVI01"), item(2, reference="bonus")]
    assert payouts.refusals(items, PAYER, "INR", KNOWN) == {}
    assert payouts.total(items) == Decimal("30.00")


def test_unknown_own_and_foreign_currency_wallets_are_refused_by_index():
    items = [item(0), item(1, "VPY-NOBODY"), item(2, PAYER), item(3, "VPY-EURO01")]
    assert payouts.refusals(items, PAYER, "INR", KNOWN) == {
        1: {"recipient_wallet_id": [payouts.UNKNOWN_WALLET]},
        2: {"recipient_wallet_id": [payouts.OWN_WALLET]},
        3: {"recipient_wallet_id": [payouts.OTHER_CURRENCY]},
    }


def test_one_recipient_twice_needs_two_references():
    items = [item(0), item(1, reference="bonus"), item(2), item(3, reference="bonus"),
             item(4, reference="other")]
    found = payouts.refusals(items, PAYER, "INR", KNOWN)
    assert sorted(found) == [2, 3]
    assert "Repeats item 0" in found[2]["reference"][0]
    assert "Repeats item 1" in found[3]["reference"][0]


def test_item_ids_sort_in_index_order_and_are_distinct_between_payouts():
    first, second = payouts.item_ids(1000), payouts.item_ids(3)
    assert first == sorted(first) and len(set(first)) == 1000
    assert not set(first) & set(second)
    assert all(i.version == 4 for i in first)


@pytest.mark.parametrize("completed, failed, status", [
    (0, 0, "queued"), (1, 0, "processing"), (0, 2, "processing"), (3, 0, "completed"),
    (0, 3, "failed"), (2, 1, "partially_completed")])
def test_the_status_follows_the_items(completed, failed, status):
    progress = Progress(3).after(completed, failed, Decimal(completed))
    assert progress.status == status
    assert progress.finished == (completed + failed == 3)


def test_counters_never_pass_the_item_count():
    with pytest.raises(ValueError):
        Progress(2, completed_count=2).after(0, 1, Decimal(0))
