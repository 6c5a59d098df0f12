"""Domain rules with no database: amounts, posting legs, and when a posting is refused."""
import string
from decimal import Decimal

import pytest

from domain import errors
from domain.ledger import (
    WalletState,
    is_balanced,
    new_reference_id,
    plan_topup,
    plan_transfer,
    plan_withdrawal,
    wallets_of,
)
from domain.money import format_amount, parse_amount


def wallet(balance="100.00", status="active", reason=None, wallet_id="VPY-AAAAAA", currency="INR"):
    return WalletState(wallet_id, status, reason, Decimal(balance), currency)


@pytest.mark.parametrize("text, expected", [("1", "1.00"), ("0.5", "0.50"), ("999999999.99", "999999999.99")])
def test_amounts_parse_to_two_decimal_places(text, expected):
    assert format_amount(parse_amount(text)) == expected


@pytest.mark.parametrize("text", ["0", "0.00", "-1", "1.001", "1e2", "1,00", " 1", "1\n", "\uff15",
                                  "1000000000", "", "NaN"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_a_number_is_not_an_amount():
    with pytest.raises(ValueError):
        parse_amount(10.5)


def test_topup_moves_money_from_the_topup_account_into_the_wallet():
    legs = plan_topup(wallet(), Decimal("5.00"))
    assert is_balanced(legs)
    assert [(leg.wallet_id, leg.system_account, leg.amount) for leg in legs] == [
        (None, "external:topup:INR", Decimal("-5.00")), ("VPY-AAAAAA", None, Decimal("5.00"))]


def test_withdrawal_of_more_than_the_balance_is_refused():
    with pytest.raises(errors.InsufficientBalance):
        plan_withdrawal(wallet("10.00"), Decimal("10.01"))
    assert is_balanced(plan_withdrawal(wallet("10.00"), Decimal("10.00")))


def test_transfer_legs_name_each_other_as_counterparty():
    sender, recipient = wallet(), wallet("0", wallet_id="VPY-BBBBBB")
    debit, credit = plan_transfer(sender, recipient, Decimal("1.00"))
    assert (debit.amount, debit.counterparty_wallet_id) == (Decimal("-1.00"), "VPY-BBBBBB")
    assert (credit.amount, credit.counterparty_wallet_id) == (Decimal("1.00"), "VPY-AAAAAA")


@pytest.mark.parametrize("sender, recipient, error", [
    (wallet(status="frozen", reason="admin"), wallet(wallet_id="VPY-B"), errors.WalletFrozen),
    (wallet(status="frozen", reason="pin_lockout"), wallet(wallet_id="VPY-B"), errors.PinLocked),
    (wallet(status="closed"), wallet(wallet_id="VPY-B"), errors.WalletClosed),
    (wallet(), None, errors.RecipientWalletNotFound),
    (wallet(), wallet(wallet_id="VPY-B", status="frozen", reason="admin"), errors.RecipientWalletInactive),
    (wallet(), wallet(wallet_id="VPY-B", status="closed"), errors.RecipientWalletInactive),
    (wallet(), wallet(wallet_id="VPY-B", currency="USD"), errors.FxQuoteInvalid),
    (wallet("0.99"), wallet(wallet_id="VPY-B"), errors.InsufficientBalance),
])
def test_transfers_are_refused_with_the_contract_error_codes(sender, recipient, error):
    with pytest.raises(error):
        plan_transfer(sender, recipient, Decimal("1.00"))


@pytest.mark.parametrize("reason", ["self", "pin_lockout"])
def test_a_recipient_frozen_by_itself_or_by_a_pin_lockout_still_receives(reason):
    recipient = wallet("0", wallet_id="VPY-B", status="frozen", reason=reason)
    debit, credit = plan_transfer(wallet(), recipient, Decimal("1.00"))
    assert (credit.wallet_id, credit.amount) == ("VPY-B", Decimal("1.00"))


def test_reference_ids_have_the_contract_shape():
    reference = new_reference_id()
    assert reference.startswith("VP-TXN-") and len(reference) == 17 and reference[7:].isalnum()


def test_every_position_of_a_reference_id_takes_every_character():
    # Uppercase letters and digits, none favoured away: 3,000 ids miss one of the 36 in
    # some position with a probability under 1e-30.
    suffixes = [new_reference_id()[7:] for _ in range(3000)]
    alphabet = set(string.ascii_uppercase + string.digits)
    assert all({suffix[i] for suffix in suffixes} == alphabet for i in range(10))


def test_the_wallets_an_operation_locks_are_its_own_and_its_counterpartys():
    from types import SimpleNamespace as Op

    assert wallets_of(Op(type="send", wallet_id="VPY-A", payload={"recipient_wallet_id": "VPY-B"})) \
        == {"VPY-A", "VPY-B"}
    assert wallets_of(Op(type="refund", wallet_id="VPY-A", payload={"source_wallet_id": "VPY-C",
                                                                     "recipient_wallet_id": "x"})) \
        == {"VPY-A", "VPY-C"}
    assert wallets_of(Op(type="refund", wallet_id="VPY-A", payload={})) == {"VPY-A"}
    assert wallets_of(Op(type="topup", wallet_id="VPY-A", payload={"payment_method": "upi"})) \
        == {"VPY-A"}
