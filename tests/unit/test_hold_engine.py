"""Holds in the posting engine, with no database: what a hold takes out of the
available balance, how a capture, void or expiry decides it (exactly one), and the
rows the engine asks to write."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from domain import errors
from domain import holds as rules
from domain.holds import Hold
from domain.ledger import WalletState
from domain.limits import SEND_MONEY, Limits, Usage
from domain.posting import Operation, State, post

PAYER, PAYEE = uuid.uuid4(), uuid.uuid4()
NOW = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
WIDE = Limits(Decimal("1000.00"), Decimal("1000.00"), Decimal("1000.00"))


def state(payer="100.00", held="0.00", payee="0.00", limits=WIDE, **extra) -> State:
    return State(
        wallets={"VPY-PAYER1": WalletState("VPY-PAYER1", "active", None, Decimal(payer), "INR",
                                           Decimal(held)),
                 "VPY-PAYEE1": WalletState("VPY-PAYEE1", "active", None, Decimal(payee), "INR")},
        owners={"VPY-PAYER1": PAYER, "VPY-PAYEE1": PAYEE},
        limits={("VPY-PAYER1", SEND_MONEY): limits, ("VPY-PAYEE1", SEND_MONEY): limits},
        **extra)


def hold(amount: str, at: datetime = NOW, expires_in_s: int = 3600) -> Operation:
    return Operation(uuid.uuid4(), PAYER, "VPY-PAYER1", "hold", Decimal(amount), "INR",
                     {"hold_id": str(uuid.uuid4()), "payee_wallet_id": "VPY-PAYEE1",
                      "expires_in_s": expires_in_s, "description": "booking"}, at)


def decision(kind: str, placed: Operation, amount: str, at: datetime = NOW) -> Operation:
    user, wallet = (PAYEE, "VPY-PAYEE1") if kind == "capture" else (PAYER, "VPY-PAYER1")
    return Operation(uuid.uuid4(), user, wallet, kind, Decimal(amount), "INR",
                     {"hold_id": placed.payload["hold_id"], "payer_wallet_id": "VPY-PAYER1",
                      "payee_wallet_id": "VPY-PAYEE1"}, at)


def send(amount: str, at: datetime = NOW) -> Operation:
    return Operation(uuid.uuid4(), PAYER, "VPY-PAYER1", "send", Decimal(amount), "INR",
                     {"recipient_wallet_id": "VPY-PAYEE1"}, at)


def test_a_hold_keeps_the_balance_and_takes_the_money_out_of_what_is_available():
    run = state(payer="100.00")
    placed = hold("70.00")
    postings = post(run, [placed, send("40.00"), send("30.00")])
    assert [o.status for o in postings.outcomes] == ["completed", "failed", "completed"]
    assert postings.outcomes[1].error_code == "INSUFFICIENT_BALANCE"
    # No journal for the hold itself: only the second send moved money.
    assert len(postings.journals) == 1
    assert postings.wallet_balances["VPY-PAYER1"] == Decimal("70.00")
    assert postings.wallet_held == {"VPY-PAYER1": Decimal("70.00")}
    [row] = postings.new_holds
    assert row["amount"] == Decimal("70.00") and row["expires_at"] == NOW + timedelta(hours=1)
    assert run.wallets["VPY-PAYER1"].available == Decimal("0.00")


def test_holds_and_sends_never_exceed_the_balance_together():
    run = state(payer="100.00")
    ops = [hold("7.00") if i % 2 else send("7.00") for i in range(50)]
    postings = post(run, ops)
    completed = [op for op, o in zip(ops, postings.outcomes, strict=True) if o.status == "completed"]
    assert sum(op.amount for op in completed) == Decimal("98.00")  # 14 of 7.00
    wallet = run.wallets["VPY-PAYER1"]
    assert wallet.held <= wallet.balance and wallet.available == Decimal("2.00")


def test_a_partial_capture_moves_that_much_and_releases_the_rest():
    placed = hold("80.00")
    run = state(payer="100.00")
    postings = post(run, [placed, decision("capture", placed, "30.00")])
    assert [o.status for o in postings.outcomes] == ["completed", "completed"]
    assert postings.wallet_balances == {"VPY-PAYER1": Decimal("70.00"),
                                        "VPY-PAYEE1": Decimal("30.00")}
    assert postings.wallet_held == {"VPY-PAYER1": Decimal("0.00")}
    [decided] = postings.decided_holds
    assert decided["status"] == "captured" and decided["captured_amount"] == Decimal("30.00")
    capture = postings.outcomes[1]
    assert capture.credited == [("VPY-PAYEE1", PAYEE)] and capture.hold_parties == (PAYER, PAYEE)
    [journal] = postings.journals
    assert journal["category"] == "transfer" and journal["metadata"] == {
        "hold_id": placed.payload["hold_id"]}


@pytest.mark.parametrize("order", [("capture", "void", "expire"), ("void", "expire", "capture"),
                                   ("expire", "capture", "void")])
def test_the_first_decision_posted_wins_and_the_others_fail(order):
    placed = hold("50.00")
    run = state(payer="100.00")
    post(run, [placed])
    hold_id = uuid.UUID(placed.payload["hold_id"])
    decisions = [decision(kind, placed, "50.00") for kind in order]
    postings = post(run, decisions)
    assert [o.status for o in postings.outcomes] == ["completed", "failed", "failed"]
    assert {o.error_code for o in postings.outcomes[1:]} == {"HOLD_NOT_ACTIVE"}
    assert run.holds[hold_id].status == rules.DECIDED_BY[order[0]]
    assert run.wallets["VPY-PAYER1"].held == Decimal("0.00")
    moved = Decimal("50.00") if order[0] == "capture" else Decimal("0.00")
    assert run.wallets["VPY-PAYEE1"].balance == moved
    assert run.wallets["VPY-PAYER1"].balance == Decimal("100.00") - moved


def test_a_capture_or_void_accepted_at_the_expiry_fails_even_before_the_expiry_job():
    placed = hold("50.00", expires_in_s=60)
    run = state(payer="100.00")
    post(run, [placed])
    late = NOW + timedelta(seconds=60)
    postings = post(run, [decision("capture", placed, "50.00", late),
                          decision("void", placed, "50.00", late)])
    assert [o.error_code for o in postings.outcomes] == ["HOLD_NOT_ACTIVE", "HOLD_NOT_ACTIVE"]
    assert postings.journals == [] and postings.decided_holds == []


def test_a_capture_above_the_hold_fails_and_moves_nothing():
    placed = hold("20.00")
    run = state(payer="100.00")
    post(run, [placed])
    postings = post(run, [decision("capture", placed, "20.01")])
    assert postings.outcomes[0].error_code == "CAPTURE_EXCEEDS_HOLD"
    assert postings.wallet_balances == {} and postings.wallet_held == {}


def test_a_capture_of_an_unknown_hold_fails_with_hold_not_found():
    stray = hold("10.00")
    postings = post(state(), [decision("capture", stray, "10.00")])
    assert postings.outcomes[0].error_code == "HOLD_NOT_FOUND"


def test_a_payer_frozen_by_themselves_is_still_captured_but_not_one_frozen_by_an_admin():
    placed = hold("10.00")
    for reason, outcome in (("self", "completed"), ("admin", "failed")):
        run = state(payer="100.00")
        post(run, [placed])
        payer = run.wallets["VPY-PAYER1"]
        run.wallets["VPY-PAYER1"] = WalletState(payer.wallet_id, "frozen", reason, payer.balance,
                                                "INR", payer.held)
        assert post(run, [decision("capture", placed, "10.00")]).outcomes[0].status == outcome


def test_a_hold_uses_up_the_send_money_limits_with_the_sends():
    daily = Limits(Decimal("100.00"), Decimal("100.00"), Decimal("1000.00"))
    run = state(payer="500.00", limits=daily,
                usage={("VPY-PAYER1", "send"): Usage(today=Decimal("40.00"),
                                                     this_month=Decimal("40.00"))})
    postings = post(run, [hold("50.00"), hold("20.00"), send("10.00")])
    assert [o.error_code for o in postings.outcomes] == [None, "DAILY_LIMIT_EXCEEDED", None]


def test_only_the_payee_captures_and_a_moderator_party_may_not_void():
    parties = (PAYER, PAYEE)
    rules.ensure_may_capture(rules.role_of(parties, PAYEE))
    with pytest.raises(errors.InsufficientPermissions):
        rules.ensure_may_capture(rules.role_of(parties, PAYER))
    with pytest.raises(errors.HoldNotFound):
        rules.ensure_may_capture(rules.role_of(parties, uuid.uuid4()))
    assert rules.voids_as_staff(parties, PAYEE, "moderator") is False
    assert rules.voids_as_staff(parties, uuid.uuid4(), "moderator") is True
    with pytest.raises(errors.SelfActionNotAllowed):
        rules.voids_as_staff(parties, PAYER, "super_admin")
    with pytest.raises(errors.InsufficientPermissions):
        rules.voids_as_staff(parties, PAYER, "user")
    with pytest.raises(errors.HoldNotFound):
        rules.voids_as_staff(parties, uuid.uuid4(), "user")


def test_an_expired_hold_is_no_longer_active_for_a_decision():
    active = Hold(uuid.uuid4(), "VPY-PAYER1", "VPY-PAYEE1", Decimal("5.00"), "INR",
                  expires_at=NOW)
    rules.ensure_active(active, NOW - timedelta(microseconds=1))
    with pytest.raises(errors.HoldNotActive):
        rules.ensure_active(active, NOW)
