"""Rounding never creates money: over many amounts, rates, spreads and currency pairs
(hypothesis), a quote's amounts are exact to each currency's minor unit and within half
a minor unit of the exact conversion, and posting the send moves exactly those amounts,
leaving every currency's total (wallets and system accounts) where it was."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from domain import errors, fx
from domain.fx import MAX_RATE, MAX_SPREAD_BPS, MIN_RATE, Quote, Rate
from domain.ledger import WalletState
from domain.limits import SEND_MONEY, Limits
from domain.money import MAX_AMOUNT, minor_unit
from domain.posting import COMPLETED, Operation, State, post

CURRENCIES = ("INR", "USD", "EUR", "GBP", "AED", "SGD")
HALF_CENT = Decimal("0.005")
ACCEPTED = datetime(2026, 12, 1, tzinfo=timezone.utc)
ALICE, BOB = uuid.uuid4(), uuid.uuid4()

amounts = st.decimals(min_value=Decimal("0.01"), max_value=MAX_AMOUNT, places=2)
small_amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100.00"), places=2)
mid_rates = st.one_of(
    st.decimals(min_value=MIN_RATE, max_value=MAX_RATE, places=10),
    st.decimals(min_value=Decimal("0.5"), max_value=Decimal("2"), places=10),  # near parity
)
pairs = st.tuples(st.sampled_from(CURRENCIES), st.sampled_from(CURRENCIES)).filter(
    lambda pair: pair[0] != pair[1])
balances = st.decimals(min_value=Decimal("-1000000000.00"), max_value=MAX_AMOUNT, places=2)


def quoted(pair, mid, spread, inverse, source=None, target=None):
    """The (rate, source, target) a quote would fix, or None when the conversion is refused."""
    from_currency, to_currency = pair
    stored = Rate(to_currency, from_currency, mid, spread) if inverse \
        else Rate(from_currency, to_currency, mid, spread)
    try:
        rate = fx.customer_rate({(stored.base, stored.quote): stored}, from_currency, to_currency)
        return (rate, *fx.convert(rate, from_currency, to_currency,
                                  source_amount=source, target_amount=target))
    except (errors.ValidationFailed, errors.FxRateUnavailable):
        return None


@settings(max_examples=400, deadline=None)
@given(pair=pairs, mid=mid_rates, spread=st.integers(0, MAX_SPREAD_BPS), inverse=st.booleans(),
       amount=st.one_of(amounts, small_amounts), source_given=st.booleans())
@example(pair=("INR", "USD"), mid=Decimal("0.0125"), spread=0, inverse=False,
         amount=Decimal("10.00"), source_given=True)  # 0.125: an exact half
def test_quoted_amounts_are_exact_to_the_minor_unit_and_within_half_of_it(
        pair, mid, spread, inverse, amount, source_given):
    found = quoted(pair, mid, spread, inverse, **{"source" if source_given else "target": amount})
    assume(found is not None)
    rate, source, target = found
    assert Decimal(0) < source <= MAX_AMOUNT and Decimal(0) < target <= MAX_AMOUNT
    assert exact_to_minor_unit(source, pair[0]) and exact_to_minor_unit(target, pair[1])
    if source_given:
        assert source == amount and abs(target - source * rate) <= HALF_CENT
    else:
        assert target == amount and abs(source - target / rate) <= HALF_CENT


@settings(max_examples=300, deadline=None)
@given(pair=pairs, mid=mid_rates, spread=st.integers(0, MAX_SPREAD_BPS), inverse=st.booleans(),
       amount=st.one_of(amounts, small_amounts), source_given=st.booleans(),
       spare=st.decimals(min_value=Decimal("0.00"), max_value=Decimal("1000.00"), places=2),
       recipient_balance=st.decimals(min_value=Decimal("0.00"), max_value=MAX_AMOUNT, places=2),
       fx_from=balances, fx_to=balances)
def test_posting_a_quoted_send_leaves_every_currency_total_unchanged(
        pair, mid, spread, inverse, amount, source_given, spare, recipient_balance, fx_from, fx_to):
    found = quoted(pair, mid, spread, inverse, **{"source" if source_given else "target": amount})
    assume(found is not None)
    rate, source, target = found
    from_currency, to_currency = pair
    quote = Quote(uuid.uuid4(), ALICE, from_currency, to_currency, rate, source, target,
                  ACCEPTED + timedelta(seconds=60))
    state = State(
        wallets={"VPY-ALICE1": WalletState("VPY-ALICE1", "active", None, source + spare, from_currency),
                 "VPY-BOB001": WalletState("VPY-BOB001", "active", None, recipient_balance, to_currency)},
        owners={"VPY-ALICE1": ALICE, "VPY-BOB001": BOB},
        accounts={fx.fx_account(from_currency): fx_from, fx.fx_account(to_currency): fx_to},
        limits={("VPY-ALICE1", SEND_MONEY): Limits(*[MAX_AMOUNT] * 3)},
        quotes={quote.id: quote})
    currency_of = {"VPY-ALICE1": from_currency, "VPY-BOB001": to_currency,
                   fx.fx_account(from_currency): from_currency, fx.fx_account(to_currency): to_currency}
    before = totals(state, currency_of)
    send = Operation(uuid.uuid4(), ALICE, "VPY-ALICE1", "send", source, from_currency,
                     {"recipient_wallet_id": "VPY-BOB001", "fx": fx.terms(quote)}, ACCEPTED)

    postings = post(state, [send])

    assert postings.outcomes[0].status == COMPLETED, postings.outcomes[0].error_code
    assert totals(state, currency_of) == before  # nothing created or destroyed, per currency
    moved = {entry["wallet_id"] or entry["system_account_id"]: entry["amount"]
             for entry in postings.entries}
    assert moved == {"VPY-ALICE1": -source, fx.fx_account(from_currency): source,
                     fx.fx_account(to_currency): -target, "VPY-BOB001": target}
    assert all(exact_to_minor_unit(value, currency_of[account]) for account, value in moved.items())
    by_currency = {currency: sum(v for a, v in moved.items() if currency_of[a] == currency)
                   for currency in pair}
    assert by_currency == {from_currency: 0, to_currency: 0}
    assert state.wallets["VPY-BOB001"].balance == recipient_balance + target


def totals(state: State, currency_of: dict) -> dict:
    found: dict[str, Decimal] = {}
    for account, balance in [*((w, s.balance) for w, s in state.wallets.items()),
                             *state.accounts.items()]:
        found[currency_of[account]] = found.get(currency_of[account], Decimal(0)) + balance
    return found


def exact_to_minor_unit(amount: Decimal, currency: str) -> bool:
    """No digit below the minor unit: NUMERIC(20, 2) stores it as it is, unrounded."""
    return amount == amount.quantize(minor_unit(currency))
