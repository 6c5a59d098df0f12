"""The CSV statement: its query arguments and its rendering, one batch at a time."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import ValidationError, fields, validate, validates_schema

from domain.money import format_amount
from web.fields import StrictSchema

COLUMNS = ("created_at", "transaction_id", "reference_id", "type", "category", "amount",
           "balance_after", "currency", "counterparty_wallet_id", "description", "metadata")
# A spreadsheet evaluates a cell starting with one of these as a formula; the
# description is user text, so such cells are neutralised with a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class StatementArgs(StrictSchema):
    format = fields.String(load_default="csv", validate=validate.OneOf(["csv"]))
    start_date = fields.Date(metadata={"description": "First day (business timezone), inclusive; "
                                                      "default: your first transaction"})
    end_date = fields.Date(metadata={"description": "Last day (business timezone), inclusive; "
                                                    "default: today"})

    @validates_schema
    def _ordered_range(self, data, **kwargs):
        if data.get("start_date") and data.get("end_date") and data["start_date"] > data["end_date"]:
            raise ValidationError("Must not be after end_date", "start_date")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def filename(wallet_id: str, start_date: date | None, end_date: date) -> str:
    return f"statement-{wallet_id}-{start_date or 'start'}-to-{end_date}.csv"


def csv_chunks(batches: Iterable[list[Mapping[str, Any]]], timezone: str) -> Iterator[str]:
    """The header, then one chunk of CSV lines per batch of rows."""
    tz = ZoneInfo(timezone)
    yield _csv([COLUMNS])
    for batch in batches:
        yield _csv(_cells(row, tz) for row in batch)


def _csv(lines: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(lines)
    return buffer.getvalue()


def _cells(row: Mapping[str, Any], tz: ZoneInfo) -> list[str]:
    metadata = row["metadata"]
    return [safe_cell(cell) for cell in (
        row["created_at"].astimezone(tz).isoformat(timespec="seconds"),
        str(row["transaction_id"]),
        row["reference_id"],
        row["type"],
        row["category"],
        format_amount(row["amount"]),
        format_amount(row["balance_after"]),
        row["currency"],
        row["counterparty_wallet_id"] or "",
        row["description"] or "",
        json.dumps(metadata, sort_keys=True, ensure_ascii=False) if metadata else "",
    )]
