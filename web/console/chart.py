"""The dashboard's chart of daily volume, drawn on the server as SVG geometry that the
template writes out: no script, no chart library, nothing fetched from anywhere.

One chart per currency (amounts of different currencies never share an axis); one bar
per business day, zero-height on a day without completed operations; the axis tops at
the next round figure (1, 2 or 5 times a power of ten) above the busiest day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.money import format_amount

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 78, 12, 14, 34  # margins around the plot
Y_TICKS = 4
X_LABEL_EVERY = 5  # days


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str  # shown by the browser on hover, and read by screen readers


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    currency: str
    total: Decimal
    operations: int
    bars: list[Bar]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def daily_volume(rows: list[dict], days: list[date]) -> list[Chart]:
    """`rows`: {day, currency, volume, operations} (db.admin_queries.daily_volume);
    `days`: every day to show, oldest first."""
    by_currency: dict[str, dict[date, dict]] = {}
    for row in rows:
        by_currency.setdefault(row["currency"], {})[row["day"]] = row
    return [_chart(currency, found, days) for currency, found in sorted(by_currency.items())]


def _chart(currency: str, found: dict[date, dict], days: list[date]) -> Chart:
    top = nice_ceiling(max(Decimal(row["volume"]) for row in found.values()))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(days)
    bars = []
    for index, day in enumerate(days):
        row = found.get(day)
        volume = Decimal(row["volume"]) if row else Decimal("0")
        count = row["operations"] if row else 0
        height = float(volume / top) * plot_height
        bars.append(Bar(x=LEFT + index * slot + slot * 0.15, y=TOP + plot_height - height,
                        width=slot * 0.7, height=height,
                        title=f"{day.isoformat()}: {format_amount(volume)} {currency} "
                              f"in {count} operation{'s' if count != 1 else ''}"))
    y_ticks = [Tick(TOP + plot_height - plot_height * step / Y_TICKS,
                    axis_label(top * step / Y_TICKS)) for step in range(Y_TICKS + 1)]
    x_ticks = [Tick(LEFT + index * slot + slot / 2, day.strftime("%d %b"))
               for index, day in enumerate(days)
               if (len(days) - 1 - index) % X_LABEL_EVERY == 0]
    return Chart(currency=currency, bars=bars, y_ticks=y_ticks, x_ticks=x_ticks,
                 total=sum((Decimal(row["volume"]) for row in found.values()), Decimal("0")),
                 operations=sum(row["operations"] for row in found.values()))


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest of 1, 2 or 5 times a power of ten that is at least `value` (> 0)."""
    if value <= 0:
        return Decimal("1")
    power = Decimal(10) ** (value.adjusted())
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # unreachable: 10 x 10^adjusted always exceeds value


def axis_label(value: Decimal) -> str:
    """1,500 or 0.5 (no trailing zeros), with thousands grouped."""
    text = f"{value:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
