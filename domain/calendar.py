"""Whole calendar days in the business timezone, as instants to filter timestamps by."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo


def start_of(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def end_of(day: date, tz: tzinfo) -> datetime:
    """The first instant after `day` (exclusive bound), so ranges include the whole day."""
    if day == date.max:  # no day after it: its last microsecond (date.max + 1 overflows)
        return datetime.combine(day, time.max, tzinfo=tz)
    return start_of(day + timedelta(days=1), tz)
