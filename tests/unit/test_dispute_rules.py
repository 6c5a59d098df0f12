"""Dispute rules with no database: what may be disputed, resolution, refund arithmetic,
and the refund posting's legs."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from domain import disputes, errors
from domain.ledger import WalletState, is_balanced, plan_refund

NOW = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
D = Decimal


def wallet(balance="100.00", status="active", reason=None, wallet_id="VPY-AAAAAA", currency="INR"):
    return WalletState(wallet_id, status, reason, D(balance), currency)


@pytest.mark.parametrize("category", ["transfer", "withdrawal"])
def test_recent_debits_of_sends_and_withdrawals_are_disputable(category):
    disputes.ensure_disputable(category, True, NOW - timedelta(days=3), NOW, 120)


@pytest.mark.parametrize("category, is_debit", [
    ("transfer", False), ("topup", False), ("refund", True), ("refund", False), ("withdrawal", False),
])
def test_credits_topups_and_refunds_are_not_disputable(category, is_debit):
    with pytest.raises(errors.TransactionNotDisputable):
        disputes.ensure_disputable(category, is_debit, NOW, NOW, 120)


def test_a_debit_older_than_the_window_is_not_disputable():
    disputes.ensure_disputable("transfer", True, NOW - timedelta(days=120), NOW, 120)
    with pytest.raises(errors.TransactionNotDisputable, match="within 120 days"):
        disputes.ensure_disputable("transfer", True, NOW - timedelta(days=120, seconds=1), NOW, 120)


def test_a_fully_refunded_transaction_cannot_be_disputed_again():
    disputes.ensure_not_fully_refunded(D("100.00"), D("99.99"))
    with pytest.raises(errors.TransactionNotDisputable, match="in full"):
        disputes.ensure_not_fully_refunded(D("100.00"), D("100.00"))


@pytest.mark.parametrize("resolution, status", [
    ("rejected", "resolved_rejected"), ("refund", "resolved_refund")])
def test_an_open_dispute_resolves_to_the_matching_status(resolution, status):
    assert disputes.resolve("open", resolution) == status


@pytest.mark.parametrize("status", ["resolved_rejected", "resolved_refund"])
def test_a_resolved_dispute_cannot_be_resolved_again(status):
    with pytest.raises(errors.DisputeNotOpen):
        disputes.resolve(status, "refund")


def test_a_refund_is_everything_left_by_default():
    assert disputes.refund_amount(D("100.00"), D("0"), None) == D("100.00")
    assert disputes.refund_amount(D("100.00"), D("30.00"), None) == D("70.00")


def test_partial_refunds_never_add_up_to_more_than_the_original():
    assert disputes.refund_amount(D("100.00"), D("0"), D("30.00")) == D("30.00")
    with pytest.raises(errors.RefundExceedsRefundable) as refused:
        disputes.refund_amount(D("100.00"), D("30.00"), D("70.01"))
    assert refused.value.details == {"refundable": "70.00"}
    assert disputes.refund_amount(D("100.00"), D("30.00"), D("70.00")) == D("70.00")


def test_nothing_left_means_no_refund_even_by_default():
    with pytest.raises(errors.RefundExceedsRefundable) as refused:
        disputes.refund_amount(D("100.00"), D("100.00"), None)
    assert refused.value.details == {"refundable": "0.00"}


def test_refundable_never_goes_negative():
    assert disputes.refundable(D("10.00"), D("12.00")) == D("0.00")


def test_a_send_refund_moves_money_from_the_recipient_back_to_the_disputer():
    disputer, payer = wallet("5.00", wallet_id="VPY-DISPUT"), wallet("40.00", wallet_id="VPY-PAYEEE")
    legs = plan_refund(disputer, payer, D("30.00"))
    assert is_balanced(legs)
    assert {(leg.wallet_id, leg.amount, leg.counterparty_wallet_id) for leg in legs} == {
        ("VPY-PAYEEE", D("-30.00"), "VPY-DISPUT"), ("VPY-DISPUT", D("30.00"), "VPY-PAYEEE")}


def test_a_withdrawal_refund_comes_from_the_external_withdrawal_account():
    legs = plan_refund(wallet("0.00"), None, D("12.50"))
    assert is_balanced(legs)
    assert [(leg.system_account, leg.amount) for leg in legs if leg.system_account] == [
        ("external:withdrawal:INR", D("-12.50"))]


def test_a_refund_fails_when_the_payer_no_longer_has_the_money():
    with pytest.raises(errors.InsufficientBalance):
        plan_refund(wallet(), wallet("29.99", wallet_id="VPY-PAYEEE"), D("30.00"))


def test_a_freeze_on_either_side_does_not_stop_a_refund():
    disputer = wallet(status="frozen", reason="admin")
    payer = wallet("30.00", status="frozen", reason="self", wallet_id="VPY-PAYEEE")
    assert is_balanced(plan_refund(disputer, payer, D("30.00")))


def test_a_closed_disputer_wallet_cannot_take_a_refund():
    with pytest.raises(errors.WalletClosed):
        plan_refund(wallet("0.00", status="closed"), None, D("1.00"))
