"""The statement: its query arguments and its two renderings (CSV, JSON in the
envelope), written one batch of rows at a time after the summary."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import ValidationError, fields, validate, validates_schema

from db.statements import Period, Summary
from domain.money import format_amount
from web.fields import Money, StrictSchema
from web.operations.schemas import TransactionSchema

COLUMNS = ("created_at", "transaction_id", "reference_id", "type", "category", "amount",
           "balance_after", "currency", "counterparty_wallet_id", "description", "metadata")
SUMMARY_FIELDS = ("wallet_id", "currency", "start_date", "end_date", "opening_balance",
                  "total_credits", "total_debits", "closing_balance")
# A spreadsheet evaluates a cell starting with one of these as a formula; the
# description is user text, so such cells are neutralised with a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class StatementArgs(StrictSchema):
    format = fields.String(load_default="csv", validate=validate.OneOf(["csv", "json"]),
                           metadata={"description": "csv (a download) or json (the envelope)"})
    start_date = fields.Date(metadata={"description": "First day (business timezone), inclusive; "
                                                      "default: your first transaction"})
    end_date = fields.Date(metadata={"description": "Last day (business timezone), inclusive; "
                                                    "default: today"})

    @validates_schema
    def _ordered_range(self, data, **kwargs):
        if data.get("start_date") and data.get("end_date") and data["start_date"] > data["end_date"]:
            raise ValidationError("Must not be after end_date", "start_date")


class StatementSchema(StrictSchema):
    wallet_id = fields.String()
    currency = fields.String(metadata={"example": "INR"})
    start_date = fields.Date(allow_none=True, metadata={
        "description": "The first day, or null: from the wallet's first transaction"})
    end_date = fields.Date()
    opening_balance = Money(metadata={"description": "The balance when the first day began"})
    total_credits = Money(metadata={"description": "The sum of the credits listed"})
    total_debits = Money(metadata={"description": "The sum of the debits listed"})
    closing_balance = Money(metadata={
        "description": "The balance when the last day ended (or now, for today): always "
                       "opening_balance + total_credits - total_debits"})
    items = fields.List(fields.Nested(TransactionSchema), metadata={
        "description": "The ledger rows of the period, oldest first"})


_SUMMARY = StatementSchema(only=SUMMARY_FIELDS)
_ITEMS = TransactionSchema(many=True)


def summary_view(wallet_id: str, currency: str, period: Period, summary: Summary) -> dict:
    """The summary as it is shown: amounts as strings, dates in ISO form."""
    return _SUMMARY.dump({
        "wallet_id": wallet_id, "currency": currency, "start_date": period.start_date,
        "end_date": period.end_date, "opening_balance": summary.opening_balance,
        "total_credits": summary.total_credits, "total_debits": summary.total_debits,
        "closing_balance": summary.closing_balance,
    })


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def filename(wallet_id: str, start_date: date | None, end_date: date) -> str:
    return f"statement-{wallet_id}-{start_date or 'start'}-to-{end_date}.csv"


# --- CSV ----------------------------------------------------------------------------
def csv_chunks(summary: dict, batches: Iterable[list[Mapping[str, Any]]], timezone: str) -> Iterator[str]:
    """The summary (one `name,value` line each, then an empty line), the header, then
    one chunk of CSV lines per batch of rows."""
    tz = ZoneInfo(timezone)
    lines = [(name, "" if summary[name] is None else summary[name]) for name in SUMMARY_FIELDS]
    yield _csv([*lines, (), COLUMNS])
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


# --- JSON ---------------------------------------------------------------------------
def json_chunks(summary: dict, batches: Iterable[list[Mapping[str, Any]]],
                request_id: str | None) -> Iterator[str]:
    """The success envelope around the summary and its items, the items written one
    batch at a time."""
    # `items` is the last member of `data`: the summary's object is left open for it.
    yield '{"success": true, "message": "Statement", "data": ' + json.dumps(summary)[:-1] + ', "items": ['
    separator = ""
    for batch in batches:
        items = json.dumps(_ITEMS.dump([dict(row) for row in batch]))
        yield separator + items[1:-1]
        separator = ", "
    yield ']}, "request_id": ' + json.dumps(request_id) + "}"
