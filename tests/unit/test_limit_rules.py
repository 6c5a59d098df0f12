"""Limit rules with no database: periods in the business timezone, which limits apply,
what a user may set, and which error an amount gets."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from domain import errors
from domain import limits as rules
from domain.limits import ADMIN, CUSTOM, Limits, Usage
from domain.tier_limits import TIER_LIMIT_DEFAULTS, default_tier_limits, tier_limits

IST = ZoneInfo("Asia/Kolkata")
UTC = timezone.utc


def limits(per="100.00", daily="500.00", monthly="2000.00") -> Limits:
    return Limits(Decimal(per), Decimal(daily), Decimal(monthly))


def ist(*args) -> datetime:
    return datetime(*args, tzinfo=IST)


# --- periods ---------------------------------------------------------------------------
def test_a_minute_before_midnight_ist_is_still_the_same_business_day():
    periods = rules.periods(ist(2026, 3, 14, 23, 59), IST)
    assert periods.day_start == ist(2026, 3, 14)
    # 23:59 IST is 18:29 UTC: a UTC calendar would agree here, but not a minute later.
    assert periods.day_start.astimezone(UTC) == datetime(2026, 3, 13, 18, 30, tzinfo=UTC)


def test_a_minute_after_midnight_ist_starts_a_new_day_while_utc_is_still_on_the_old_one():
    now = datetime(2026, 3, 14, 18, 31, tzinfo=UTC)  # 00:01 IST on the 15th
    periods = rules.periods(now, IST)
    assert periods.day_start == ist(2026, 3, 15)
    before_midnight = ist(2026, 3, 14, 23, 59)
    assert before_midnight < periods.day_start <= now


def test_the_month_turns_at_midnight_ist_on_the_first():
    last_minute = rules.periods(ist(2026, 1, 31, 23, 59), IST)
    first_minute = rules.periods(datetime(2026, 1, 31, 18, 31, tzinfo=UTC), IST)
    assert last_minute.month_start == ist(2026, 1, 1)
    assert first_minute.month_start == first_minute.day_start == ist(2026, 2, 1)


@pytest.mark.parametrize("now, month_start", [
    (ist(2024, 2, 29, 12, 0), ist(2024, 2, 1)),       # leap day
    (ist(2025, 12, 31, 23, 59, 59), ist(2025, 12, 1)),  # year end
    (ist(2026, 1, 1, 0, 0), ist(2026, 1, 1)),          # exactly midnight belongs to the new month
])
def test_month_start_is_the_first_of_the_calendar_month(now, month_start):
    assert rules.periods(now, IST).month_start == month_start


def test_periods_follow_the_configured_timezone_across_a_dst_change():
    new_york = ZoneInfo("America/New_York")
    periods = rules.periods(datetime(2026, 3, 8, 12, 0, tzinfo=new_york), new_york)  # DST starts
    assert periods.day_start.utcoffset() == timedelta(hours=-5)
    assert rules.periods(datetime(2026, 3, 9, 12, 0, tzinfo=new_york), new_york) \
        .day_start.utcoffset() == timedelta(hours=-4)


def test_a_naive_clock_is_refused():
    with pytest.raises(ValueError):
        rules.periods(datetime(2026, 1, 1), IST)


# --- refusals --------------------------------------------------------------------------
def test_an_amount_within_every_limit_passes():
    rules.refuse(limits(), Decimal("100.00"), Usage(Decimal("400.00"), Decimal("1900.00")))


def test_the_per_transaction_limit_is_checked_first():
    with pytest.raises(errors.PerTransactionLimitExceeded) as raised:
        rules.refuse(limits(), Decimal("100.01"), Usage(Decimal("500.00"), Decimal("2000.00")))
    assert raised.value.status == 429 and raised.value.details == {"limit": "100.00"}


def test_the_daily_limit_counts_what_was_used_today():
    with pytest.raises(errors.DailyLimitExceeded) as raised:
        rules.refuse(limits(), Decimal("50.01"), Usage(Decimal("450.00"), Decimal("450.00")))
    assert raised.value.details == {"limit": "500.00", "used": "450.00", "remaining": "50.00"}
    rules.refuse(limits(), Decimal("50.00"), Usage(Decimal("450.00"), Decimal("450.00")))


def test_when_both_periods_are_broken_the_monthly_limit_is_reported():
    with pytest.raises(errors.MonthlyLimitExceeded):
        rules.refuse(limits(), Decimal("60.00"), Usage(Decimal("450.00"), Decimal("1950.00")))


def test_an_amount_alone_above_a_period_limit_is_refused_without_any_usage():
    odd = limits(per="900.00", daily="500.00", monthly="2000.00")  # tier lowered since
    with pytest.raises(errors.DailyLimitExceeded):
        rules.refuse(odd, Decimal("600.00"))


def test_refunds_are_never_limited_and_kinds_map_to_actions():
    assert rules.action_of("refund") is None
    assert [rules.action_of(kind) for kind in ("send", "topup", "withdraw")] == [
        "send_money", "topup", "withdraw"]


def test_a_payout_item_counts_against_the_send_limits_with_the_payers_sends():
    assert rules.action_of("payout_item") == "send_money"
    assert {"send", "hold", "payout_item"} <= set(rules.TYPES_OF_ACTION["send_money"])
    used = rules.used_by_action("send_money", {
        "send": Usage(Decimal("10.00"), Decimal("10.00")),
        "payout_item": Usage(Decimal("5.00"), Decimal("7.00"))})
    assert used == Usage(Decimal("15.00"), Decimal("17.00"))


def test_headroom_today_is_capped_by_what_the_month_has_left():
    assert rules.headroom(limits(), Usage(Decimal("100.00"), Decimal("1800.00"))) == (
        Decimal("200.00"), Decimal("200.00"))
    assert rules.headroom(limits(), Usage(Decimal("600.00"), Decimal("600.00")))[0] == Decimal("0.00")


# --- which limits apply ----------------------------------------------------------------
def test_without_a_stored_row_the_tier_default_applies():
    assert rules.effective(limits(), None, {}) == limits()


def test_a_custom_row_replaces_only_the_values_it_sets():
    stored = {"daily_limit": Decimal("300.00"), "per_transaction_limit": None, "monthly_limit": None}
    assert rules.effective(limits(), CUSTOM, stored) == limits(daily="300.00")


def test_a_custom_value_never_counts_above_a_tier_default_lowered_since():
    stored = {"daily_limit": Decimal("400.00")}
    assert rules.effective(limits(daily="250.00"), CUSTOM, stored).daily_limit == Decimal("250.00")


def test_an_admin_value_may_exceed_the_tier_default():
    stored = {"daily_limit": Decimal("5000.00"), "monthly_limit": Decimal("9000.00")}
    assert rules.effective(limits(), ADMIN, stored) == limits(daily="5000.00", monthly="9000.00")


# --- what a user and an admin may set ---------------------------------------------------
def test_a_user_may_lower_a_limit_and_raise_it_back_up_to_the_maximum():
    values = rules.custom_values(limits(), {}, {"daily_limit": Decimal("200.00")})
    assert values == {"daily_limit": Decimal("200.00")}
    raised = rules.custom_values(limits(), values, {"daily_limit": Decimal("500.00")})
    assert raised == {"daily_limit": Decimal("500.00")}


def test_a_user_may_not_set_a_limit_above_the_tier_maximum():
    with pytest.raises(errors.LimitAboveMaximum) as raised:
        rules.custom_values(limits(), {}, {"daily_limit": Decimal("500.01"),
                                           "per_transaction_limit": Decimal("50.00")})
    assert raised.value.status == 422
    assert raised.value.details == {"daily_limit": ["Must not exceed your tier's maximum (500.00)"]}


def test_lowering_one_limit_alone_is_accepted_and_the_smallest_then_applies():
    values = rules.custom_values(limits(), {}, {"daily_limit": Decimal("50.00")})  # per-tx 100 stays
    assert values == {"daily_limit": Decimal("50.00")}
    assert rules.effective(limits(), CUSTOM, values) == limits(per="50.00", daily="50.00")
    lowered_month = rules.custom_values(limits(), values, {"monthly_limit": Decimal("20.00")})
    assert rules.effective(limits(), CUSTOM, lowered_month) == limits("20.00", "20.00", "20.00")


def test_a_stored_value_left_above_a_newly_lowered_one_comes_down_with_it():
    stored = {"per_transaction_limit": Decimal("80.00"), "daily_limit": None, "monthly_limit": None}
    values = rules.custom_values(limits(), stored, {"daily_limit": Decimal("50.00")})
    assert values == {"per_transaction_limit": Decimal("50.00"), "daily_limit": Decimal("50.00"),
                      "monthly_limit": None}


def test_an_admin_value_alone_is_clamped_by_the_limits_left_to_the_tier():
    values = rules.admin_values(limits(), {"daily_limit": Decimal("3000.00")})  # monthly 2000 stays
    assert rules.effective(limits(), ADMIN, values) == limits(daily="2000.00")
    lowered = rules.admin_values(limits(), {"daily_limit": Decimal("10.00")})
    assert rules.effective(limits(), ADMIN, lowered).per_transaction_limit == Decimal("10.00")


def test_values_sent_together_must_not_contradict_each_other():
    with pytest.raises(errors.IncoherentLimits) as raised:
        rules.custom_values(limits(), {}, {"per_transaction_limit": Decimal("60.00"),
                                           "daily_limit": Decimal("50.00")})
    assert raised.value.error_code == "VALIDATION_ERROR" and raised.value.status == 422
    assert raised.value.details == {"per_transaction_limit": ["Must not exceed the daily limit (50.00)"]}
    with pytest.raises(errors.IncoherentLimits) as raised:
        rules.admin_values(limits(), {"per_transaction_limit": Decimal("30.00"),
                                      "monthly_limit": Decimal("20.00")})
    assert list(raised.value.details) == ["per_transaction_limit"]


def test_an_admin_override_replaces_every_value():
    values = rules.admin_values(limits(), {"daily_limit": Decimal("1000.00")})
    assert values == {"per_transaction_limit": None, "daily_limit": Decimal("1000.00"),
                      "monthly_limit": None}


# --- tier defaults from settings --------------------------------------------------------
def test_tier_defaults_are_coherent_and_rise_with_the_tier():
    for tier, actions in TIER_LIMIT_DEFAULTS.items():
        for action, values in actions.items():
            assert not rules.incoherences(values), (tier, action)
            if tier:
                below = TIER_LIMIT_DEFAULTS[tier - 1][action]
                assert values.daily_limit >= below.daily_limit
                assert values.monthly_limit >= below.monthly_limit


def test_a_stored_setting_is_parsed_and_an_unreadable_one_falls_back_to_the_code_default():
    value = {"per_transaction_limit": "10.00", "daily_limit": 20, "monthly_limit": "30.5"}
    assert tier_limits(1, "topup", value) == limits("10.00", "20.00", "30.50")
    for broken in ({"daily_limit": "20.00"}, {**value, "daily_limit": "-1"}, {**value, "daily_limit": "0"},
                   {**value, "daily_limit": "Infinity"}, {**value, "daily_limit": "40.00"},
                   {**value, "daily_limit": "20.001"}, "10.00", [1, 2, 3],
                   {**value, "monthly_limit": "NaN"}):
        assert tier_limits(1, "topup", broken) == TIER_LIMIT_DEFAULTS[1]["topup"], broken
    assert tier_limits(0, "send_money", None) == TIER_LIMIT_DEFAULTS[0]["send_money"]


def test_a_tier_above_the_known_ones_gets_the_highest_defaults():
    assert default_tier_limits(9, "withdraw") == TIER_LIMIT_DEFAULTS[2]["withdraw"]
