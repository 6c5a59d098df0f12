"""Wallet rules with no database: the status machine, masking, ids, what can be spent."""
import re
from decimal import Decimal

import pytest

from domain import errors
from domain import wallets as rules
from domain.wallets import ACTIVE, ADMIN, CLOSED, FROZEN, PIN_LOCKOUT, SELF


@pytest.mark.parametrize("full_name, masked", [
    ("Ravi Gupta", "R**i G***a"),
    ("  Ravi   Gupta ", "R**i G***a"),
    ("Anna Maria Lopez", "A**a M***a L***z"),
    ("Al", "A*"),
    ("X", "X"),
    ("Jo Li", "J* L*"),
])
def test_names_are_masked_to_first_and_last_letters(full_name, masked):
    assert rules.mask_name(full_name) == masked


def test_wallet_ids_have_the_public_shape_and_differ():
    ids = {rules.new_wallet_id() for _ in range(50)}
    assert all(re.fullmatch(r"VPY-[A-Z0-9]{6}", wallet_id) for wallet_id in ids)
    assert len(ids) == 50


def test_an_active_wallet_can_be_frozen_with_a_reason():
    assert rules.freeze(ACTIVE, SELF) == rules.Transition(FROZEN, SELF)


@pytest.mark.parametrize("status, error", [
    (FROZEN, errors.WalletAlreadyFrozen), (CLOSED, errors.WalletAlreadyClosed)])
def test_only_an_active_wallet_can_be_frozen(status, error):
    with pytest.raises(error):
        rules.freeze(status, SELF)


def test_the_owner_lifts_their_own_freeze():
    assert rules.unfreeze(FROZEN, SELF, by=SELF) == rules.Transition(ACTIVE, None)


@pytest.mark.parametrize("reason, error", [
    (ADMIN, errors.WalletFrozenByAdmin), (PIN_LOCKOUT, errors.PinLocked)])
def test_the_owner_cannot_lift_an_admin_or_lockout_freeze(reason, error):
    with pytest.raises(error):
        rules.unfreeze(FROZEN, reason, by=SELF)


@pytest.mark.parametrize("status, error", [
    (ACTIVE, errors.WalletNotFrozen), (CLOSED, errors.WalletAlreadyClosed)])
def test_unfreezing_needs_a_frozen_wallet(status, error):
    with pytest.raises(error):
        rules.unfreeze(status, None, by=SELF)


def test_lockout_expiry_lifts_only_a_lockout_freeze():
    assert rules.unfreeze(FROZEN, PIN_LOCKOUT, by=PIN_LOCKOUT) == rules.Transition(ACTIVE, None)
    with pytest.raises(errors.WalletFrozen):
        rules.unfreeze(FROZEN, ADMIN, by=PIN_LOCKOUT)


@pytest.mark.parametrize("status", [ACTIVE, FROZEN])
def test_an_empty_wallet_can_be_closed_from_active_or_frozen(status):
    assert rules.close(status, Decimal("0.00")) == rules.Transition(CLOSED, None)


def test_a_wallet_with_money_cannot_be_closed():
    with pytest.raises(errors.WalletHasBalance):
        rules.close(ACTIVE, Decimal("0.01"))


def test_closed_is_terminal():
    with pytest.raises(errors.WalletAlreadyClosed):
        rules.close(CLOSED, Decimal("0.00"))


@pytest.mark.parametrize("status, available", [
    (ACTIVE, Decimal("12.50")), (FROZEN, Decimal("0.00")), (CLOSED, Decimal("0.00"))])
def test_only_an_active_wallet_has_money_available(status, available):
    assert rules.available_balance(status, Decimal("12.50")) == available


def test_an_admin_freeze_takes_over_a_self_or_lockout_freeze():
    from domain import wallets

    admin_frozen = wallets.Transition(wallets.FROZEN, wallets.ADMIN)
    for reason in (wallets.SELF, wallets.PIN_LOCKOUT):
        assert wallets.admin_freeze(wallets.FROZEN, reason) == admin_frozen
    assert wallets.admin_freeze(wallets.ACTIVE, None) == admin_frozen
