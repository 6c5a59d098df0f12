"""The posting engine with no database: running balances, limit usage and refund caps
across a run of operations, and the rows it asks to write."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal

from domain.ledger import WalletState
from domain.limits import SEND_MONEY, TOPUP, Limits, Usage
from domain.posting import FAILED, Operation, RefundCap, State, post

ALICE, BOB = uuid.uuid4(), uuid.uuid4()
NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)
WIDE = Limits(Decimal("1000.00"), Decimal("1000.00"), Decimal("1000.00"))


def wallet(wallet_id: str, balance: str, status: str = "active", reason=None) -> WalletState:
    return WalletState(wallet_id, status, reason, Decimal(balance), "INR")


def state(alice="100.00", bob="0.00", limits=WIDE, **extra) -> State:
    return State(wallets={"VPY-ALICE1": wallet("VPY-ALICE1", alice),
                          "VPY-BOB001": wallet("VPY-BOB001", bob)},
                 owners={"VPY-ALICE1": ALICE, "VPY-BOB001": BOB},
                 limits={("VPY-ALICE1", SEND_MONEY): limits, ("VPY-BOB001", SEND_MONEY): limits},
                 **extra)


def send(amount: str, sender="VPY-ALICE1", recipient="VPY-BOB001") -> Operation:
    return Operation(uuid.uuid4(), ALICE if sender == "VPY-ALICE1" else BOB, sender, "send",
                     Decimal(amount), "INR", {"recipient_wallet_id": recipient}, NOW)


def refund(amount: str, transaction_id: uuid.UUID) -> Operation:
    return Operation(uuid.uuid4(), ALICE, "VPY-ALICE1", "refund", Decimal(amount), "INR",
                     {"dispute_id": str(uuid.uuid4()), "source_wallet_id": "VPY-BOB001"}, NOW)


def test_later_operations_see_the_balances_earlier_ones_left():
    postings = post(state(alice="100.00"), [send("60.00"), send("60.00"), send("40.00")])
    assert [o.status for o in postings.outcomes] == ["completed", "failed", "completed"]
    assert postings.outcomes[1].error_code == "INSUFFICIENT_BALANCE"
    assert postings.wallet_balances == {"VPY-ALICE1": Decimal("0.00"), "VPY-BOB001": Decimal("100.00")}


def test_a_refused_operation_writes_no_row():
    postings = post(state(alice="10.00"), [send("60.00")])
    assert postings.outcomes[0].status == FAILED
    assert postings.journals == [] and postings.entries == [] and postings.wallet_balances == {}


def test_every_journal_balances_and_entries_carry_the_running_balance():
    postings = post(state(alice="100.00"), [send("30.00"), send("20.00")])
    for journal in postings.journals:
        legs = [e for e in postings.entries if e["journal_id"] == journal["id"]]
        assert sum(e["amount"] for e in legs) == 0
    after = [e["balance_after"] for e in postings.entries if e["wallet_id"] == "VPY-ALICE1"]
    assert after == [Decimal("70.00"), Decimal("50.00")]


def test_limit_usage_counts_the_run_as_if_each_had_committed():
    daily = Limits(Decimal("100.00"), Decimal("100.00"), Decimal("1000.00"))
    run = state(alice="500.00", limits=daily,
                usage={("VPY-ALICE1", "send"): Usage(today=Decimal("30.00"),
                                                     this_month=Decimal("30.00"))})
    postings = post(run, [send("50.00"), send("50.00")])
    assert [o.status for o in postings.outcomes] == ["completed", "failed"]
    assert postings.outcomes[1].error_code == "DAILY_LIMIT_EXCEEDED"


def test_refunds_of_one_transaction_share_its_cap():
    disputed = uuid.uuid4()
    first, second = refund("30.00", disputed), refund("30.00", disputed)
    run = state(alice="0.00", bob="100.00",
                refund_of={first.id: disputed, second.id: disputed},
                refund_caps={disputed: RefundCap(Decimal("50.00"), Decimal("0.00"))})
    postings = post(run, [first, second])
    assert [o.status for o in postings.outcomes] == ["completed", "failed"]
    assert postings.outcomes[1].error_code == "REFUND_EXCEEDS_REFUNDABLE"
    assert postings.wallet_balances["VPY-ALICE1"] == Decimal("30.00")


def test_the_credited_owner_is_named_for_the_announcements():
    [outcome] = post(state(), [send("10.00")]).outcomes
    assert outcome.credited == [("VPY-BOB001", BOB)]
    assert outcome.reference_id.startswith("VP-TXN-") and outcome.user_id == ALICE


def test_a_frozen_sender_fails_and_a_topup_moves_the_system_account():
    run = state()
    run.limits[("VPY-BOB001", TOPUP)] = WIDE
    run.wallets["VPY-ALICE1"] = wallet("VPY-ALICE1", "100.00", "frozen", "admin")
    topup = Operation(uuid.uuid4(), BOB, "VPY-BOB001", "topup", Decimal("25.00"), "INR", {}, NOW)
    postings = post(run, [send("10.00"), topup])
    assert postings.outcomes[0].error_code == "WALLET_FROZEN"
    assert postings.account_balances == {"external:topup:INR": Decimal("-25.00")}


def payout_item(amount: str, index: int, recipient="VPY-BOB001") -> Operation:
    return Operation(uuid.uuid4(), ALICE, "VPY-ALICE1", "payout_item", Decimal(amount), "INR",
                     {"recipient_wallet_id": recipient, "payout_id": "p", "index": index,
                      "reference": f"ref-{index}"}, NOW)


def test_payout_items_post_as_transfers_and_one_the_balance_cannot_cover_fails_alone():
    run = state(alice="100.00")
    run.wallets["VPY-CAROL1"] = wallet("VPY-CAROL1", "0.00", "closed")
    items = [payout_item("60.00", 0), payout_item("50.00", 1), payout_item("10.00", 2, "VPY-CAROL1"),
             payout_item("40.00", 3)]
    postings = post(run, items)
    assert [(o.status, o.error_code) for o in postings.outcomes] == [
        ("completed", None), ("failed", "INSUFFICIENT_BALANCE"),
        ("failed", "RECIPIENT_WALLET_INACTIVE"), ("completed", None)]
    assert postings.wallet_balances == {"VPY-ALICE1": Decimal("0.00"), "VPY-BOB001": Decimal("100.00")}
    assert {j["category"] for j in postings.journals} == {"transfer"}
    assert postings.journals[0]["metadata"] == {"payout_id": "p", "index": 0, "reference": "ref-0"}


def test_payout_items_and_sends_share_the_payers_send_limits():
    daily = Limits(Decimal("100.00"), Decimal("100.00"), Decimal("1000.00"))
    run = state(alice="500.00", limits=daily,
                usage={("VPY-ALICE1", "send"): Usage(today=Decimal("30.00"),
                                                     this_month=Decimal("30.00"))})
    postings = post(run, [payout_item("50.00", 0), send("20.00"), payout_item("1.00", 1)])
    assert [o.error_code for o in postings.outcomes] == [None, None, "DAILY_LIMIT_EXCEEDED"]
