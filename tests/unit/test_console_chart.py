"""The dashboard's daily-volume chart is plain arithmetic: one bar per day, zero on a
quiet day, the busiest day against a round axis top, one chart per currency."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from web.console.chart import BOTTOM, HEIGHT, TOP, axis_label, daily_volume, nice_ceiling

DAYS = [date(2025, 3, 1) + timedelta(days=n) for n in range(30)]


@pytest.mark.parametrize("value, top", [("0.01", "0.01"), ("0.3", "0.5"), ("1", "1"), ("1.01", "2"),
                                        ("250", "500"), ("1234.50", "2000"), ("5000", "5000"),
                                        ("50001", "100000")])
def test_the_axis_tops_at_the_next_round_figure(value, top):
    assert nice_ceiling(Decimal(value)) == Decimal(top)


def test_axis_labels_group_thousands_and_drop_trailing_zeros():
    assert [axis_label(Decimal(v)) for v in ("0", "0.5", "1500", "1250000.25")] == [
        "0", "0.5", "1,500", "1,250,000.25"]


def test_a_bar_per_day_with_the_busiest_at_its_share_of_the_axis():
    rows = [{"day": DAYS[-1], "currency": "INR", "volume": Decimal("150.00"), "operations": 3},
            {"day": DAYS[0], "currency": "INR", "volume": Decimal("50.00"), "operations": 1}]
    [chart] = daily_volume(rows, DAYS)
    assert (chart.currency, chart.total, chart.operations) == ("INR", Decimal("200.00"), 4)
    assert len(chart.bars) == 30
    plot = HEIGHT - TOP - BOTTOM
    assert chart.bars[-1].height == pytest.approx(plot * 150 / 200)  # axis top: 200
    assert chart.bars[0].height == pytest.approx(plot * 50 / 200)
    assert [bar.height for bar in chart.bars[1:-1]] == [0] * 28
    assert chart.bars[-1].title == "2025-03-30: 150.00 INR in 3 operations"
    assert chart.bars[1].title == "2025-03-02: 0.00 INR in 0 operations"
    assert [tick.label for tick in chart.y_ticks] == ["0", "50", "100", "150", "200"]
    assert chart.x_ticks[-1].label == "30 Mar"


def test_each_currency_gets_its_own_chart():
    rows = [{"day": DAYS[3], "currency": cur, "volume": Decimal("10"), "operations": 1}
            for cur in ("USD", "INR")]
    assert [chart.currency for chart in daily_volume(rows, DAYS)] == ["INR", "USD"]
    assert daily_volume([], DAYS) == []
