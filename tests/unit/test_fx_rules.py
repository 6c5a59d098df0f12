"""FX rules with no database: customer rates, conversions, when a quote may pay a send,
and a send across currencies through the posting engine (legs per currency, the quote
used once, expiry judged at acceptance)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from domain import errors, fx
from domain.fx import Quote, Rate
from domain.ledger import WalletState
from domain.limits import SEND_MONEY, Limits
from domain.posting import COMPLETED, FAILED, Operation, State, post

ALICE, BOB = uuid.uuid4(), uuid.uuid4()
ACCEPTED = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
WIDE = Limits(Decimal("100000.00"), Decimal("100000.00"), Decimal("100000.00"))


def rates(**pairs) -> dict:
    """rates(USD_INR=("83.10", 50)) -> {("USD", "INR"): Rate(...)}"""
    found = {}
    for name, (rate, spread) in pairs.items():
        base, quote = name.split("_")
        found[(base, quote)] = Rate(base, quote, Decimal(rate), spread)
    return found


# --- rates and conversions ---------------------------------------------------------------
def test_the_customer_rate_is_the_mid_rate_less_the_spread():
    assert fx.customer_rate(rates(USD_INR=("83.00", 100)), "USD", "INR") == Decimal("82.17")


def test_the_opposite_pair_quotes_at_the_inverse_of_its_mid_rate_less_its_spread():
    rate = fx.customer_rate(rates(USD_INR=("80", 0)), "INR", "USD")
    assert rate == Decimal("0.0125")
    assert fx.customer_rate(rates(USD_INR=("3", 0)), "INR", "USD") == Decimal("0.3333333333")


def test_a_pair_set_both_ways_uses_its_own_direction():
    both = rates(USD_INR=("83", 0), INR_USD=("0.0121", 0))
    assert fx.customer_rate(both, "INR", "USD") == Decimal("0.0121")


def test_a_pair_without_a_rate_cannot_be_quoted():
    with pytest.raises(errors.FxRateUnavailable):
        fx.customer_rate(rates(USD_INR=("83", 0)), "EUR", "INR")


def test_a_conversion_rounds_the_computed_amount_half_even():
    # 0.125 and 0.135 are exact halves: half-even goes to the even cent.
    assert fx.convert(Decimal("0.0125"), "INR", "USD", source_amount=Decimal("10.00")) == \
        (Decimal("10.00"), Decimal("0.12"))
    assert fx.convert(Decimal("0.0135"), "INR", "USD", source_amount=Decimal("10.00")) == \
        (Decimal("10.00"), Decimal("0.14"))
    assert fx.convert(Decimal("80"), "USD", "INR", target_amount=Decimal("100.00")) == \
        (Decimal("1.25"), Decimal("100.00"))


@pytest.mark.parametrize("given", [{"source_amount": Decimal("0.01")},
                                   {"target_amount": Decimal("999999999.99")}])
def test_a_conversion_to_nothing_or_past_the_maximum_is_refused(given):
    with pytest.raises(errors.ValidationFailed) as refused:
        fx.convert(Decimal("0.0001"), "INR", "USD", **given)
    assert list(refused.value.details) == list(given)


@pytest.mark.parametrize("text", ["83.125", "0.000001", "1000000", "1", "0.1234567891"])
def test_rates_parse_from_decimal_strings(text):
    assert fx.parse_rate(text) == Decimal(text)


@pytest.mark.parametrize("text", ["0", "0.0000001", "1000000.01", "NaN", "Infinity", "-1", "1e3",
                                  " 1", "1\n", "\uff15", "12345678", "0.12345678901", "", 83.1, 83,
                                  None, True])
def test_rates_outside_the_bounds_or_not_plain_decimal_strings_are_refused(text):
    with pytest.raises(ValueError):
        fx.parse_rate(text)


def test_rates_format_without_exponent_or_trailing_zeros():
    assert [fx.format_rate(Decimal(t)) for t in ("83.1250000000", "100", "1E+2", "0.0000010000")] \
        == ["83.125", "100", "100", "0.000001"]


def test_currencies_outside_the_configured_list_are_refused():
    for code in ("JPY", "usd", "US", "", "USDX"):
        with pytest.raises(errors.ValidationFailed):
            fx.ensure_supported(code, ("INR", "USD"), "from_currency")
    fx.ensure_supported("USD", ("INR", "USD"), "from_currency")


def test_operations_within_one_currency_refuse_two_currencies():
    fx.ensure_same_currency("INR", "INR")
    with pytest.raises(errors.CurrencyMismatch) as refused:
        fx.ensure_same_currency("INR", "USD")
    assert (refused.value.status, refused.value.error_code) == (422, "CURRENCY_MISMATCH")


# --- a send across currencies through the engine -------------------------------------------
def quote(**changes) -> Quote:
    base = Quote(id=uuid.uuid4(), user_id=ALICE, from_currency="INR", to_currency="USD",
                 rate=Decimal("0.012"), source_amount=Decimal("1000.00"),
                 target_amount=Decimal("12.00"), expires_at=ACCEPTED + timedelta(seconds=1))
    return replace(base, **changes)


def state(*quotes: Quote, alice="5000.00") -> State:
    return State(
        wallets={"VPY-ALICE1": WalletState("VPY-ALICE1", "active", None, Decimal(alice), "INR"),
                 "VPY-BOB001": WalletState("VPY-BOB001", "active", None, Decimal("1.00"), "USD")},
        owners={"VPY-ALICE1": ALICE, "VPY-BOB001": BOB},
        limits={("VPY-ALICE1", SEND_MONEY): WIDE},
        quotes={q.id: q for q in quotes})


def fx_send(q: Quote, amount: str = "1000.00", accepted_at=ACCEPTED, user=ALICE, **terms) -> Operation:
    return Operation(uuid.uuid4(), user, "VPY-ALICE1", "send", Decimal(amount), "INR",
                     {"recipient_wallet_id": "VPY-BOB001", "fx": {**fx.terms(q), **terms}},
                     accepted_at)


def test_a_send_across_currencies_moves_each_currency_through_its_fx_account():
    q = quote()
    postings = post(state(q), [fx_send(q)])
    [outcome] = postings.outcomes
    assert outcome.status == COMPLETED
    legs = {(e["wallet_id"] or e["system_account_id"]): e["amount"] for e in postings.entries}
    assert legs == {"VPY-ALICE1": Decimal("-1000.00"), "fx:INR": Decimal("1000.00"),
                    "fx:USD": Decimal("-12.00"), "VPY-BOB001": Decimal("12.00")}
    assert postings.wallet_balances == {"VPY-ALICE1": Decimal("4000.00"), "VPY-BOB001": Decimal("13.00")}
    assert postings.quotes_used == {q.id: outcome.id}
    assert outcome.credited == [("VPY-BOB001", BOB)]
    [journal] = postings.journals
    assert journal["currency"] == "INR" and journal["metadata"]["fx"]["target_amount"] == "12.00"


def test_a_quote_pays_one_send_only_even_within_one_run():
    q = quote()
    postings = post(state(q), [fx_send(q), fx_send(q)])
    assert [o.status for o in postings.outcomes] == [COMPLETED, FAILED]
    assert postings.outcomes[1].error_code == "FX_QUOTE_INVALID"
    assert len(postings.journals) == 1 and len(postings.entries) == 4


def test_expiry_is_judged_at_acceptance_not_when_the_worker_posts():
    q = quote()
    # The engine reads no clock: accepted a microsecond before expiry, it posts.
    just_in_time = post(state(q), [fx_send(q, accepted_at=q.expires_at - timedelta(microseconds=1))])
    assert just_in_time.outcomes[0].status == COMPLETED
    too_late = post(state(q), [fx_send(q, accepted_at=q.expires_at)])
    assert too_late.outcomes[0].error_code == "FX_QUOTE_INVALID"
    assert too_late.entries == [] and too_late.quotes_used == {}


@pytest.mark.parametrize("case", ["another user", "another amount", "used", "unknown",
                                  "other currencies", "altered terms"])
def test_a_quote_that_does_not_fit_the_send_fails_it_and_moves_nothing(case):
    q = quote()
    operation = {
        "another user": lambda: fx_send(q, user=BOB),
        "another amount": lambda: fx_send(q, amount="999.99"),
        "used": lambda: fx_send(q),
        "unknown": lambda: fx_send(q),
        "other currencies": lambda: fx_send(q),
        "altered terms": lambda: fx_send(q, target_amount="120.00"),
    }[case]()
    loaded = {"used": replace(q, used_by=uuid.uuid4()),
              "other currencies": replace(q, to_currency="EUR")}.get(case, q)
    postings = post(state() if case == "unknown" else state(loaded), [operation])
    [outcome] = postings.outcomes
    assert (outcome.status, outcome.error_code) == (FAILED, "FX_QUOTE_INVALID")
    assert postings.entries == [] and postings.wallet_balances == {}


def test_an_fx_send_the_balance_cannot_cover_fails_with_insufficient_balance():
    q = quote()
    postings = post(state(q, alice="999.99"), [fx_send(q)])
    assert postings.outcomes[0].error_code == "INSUFFICIENT_BALANCE"
    assert postings.quotes_used == {}


def test_the_fx_accounts_a_run_moves_are_loaded_with_it():
    from domain.posting import system_accounts_of

    q = quote()
    assert system_accounts_of([fx_send(q)]) == {"fx:INR": "INR", "fx:USD": "USD"}
