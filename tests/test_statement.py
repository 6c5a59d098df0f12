"""The CSV statement: the caller's ledger rows for a date range, streamed in batches."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from web.transactions.statement import COLUMNS, safe_cell

pytestmark = pytest.mark.usefixtures("worker")


def today() -> str:
    return datetime.now(ZoneInfo("Asia/Kolkata")).date().isoformat()


def statement(api, caller, **query):
    return api.get("/transactions/statement", caller, query_string={"format": "csv", **query})


def parsed(response) -> list[dict]:
    return parsed_text(response.get_data(as_text=True))


def parsed_text(body: str) -> list[dict]:
    lines = list(csv.reader(io.StringIO(body)))
    assert tuple(lines[0]) == COLUMNS
    return [dict(zip(COLUMNS, line, strict=True)) for line in lines[1:]]


@pytest.fixture()
def small_batches(app, monkeypatch):
    """Two rows per database round trip, so a short statement spans several batches."""
    monkeypatch.setitem(app.config, "SETTINGS",
                        app.config["SETTINGS"].with_overrides(statement_batch_size=2))


@pytest.fixture()
def busy_wallet(api):
    """Five rows: three top-ups, a send whose description is a spreadsheet formula, and
    a withdrawal."""
    alice, bob = api.wallet(), api.wallet()
    for amount in ("100.00", "20.50", "3.00"):
        api.topup(alice, amount, wait=10)
    body = {"recipient_wallet_id": bob.wallet_id, "amount": "10.25", "pin": "4826",
            "description": '=HYPERLINK("http://evil.example","Click")'}
    assert api.money("send", alice, body, wait=10).status_code == 201
    withdrawal = {"amount": "1.00", "bank_account": "123456789012", "ifsc": "HDFC0001234",
                  "pin": "4826"}
    assert api.money("withdraw", alice, withdrawal, wait=10).status_code == 201
    return alice, bob


def test_the_statement_streams_every_row_oldest_first_across_batches(api, busy_wallet, small_batches):
    alice, bob = busy_wallet
    response = statement(api, alice, start_date=today(), end_date=today())
    assert response.status_code == 200
    chunks = list(response.response)
    assert len(chunks) == 1 + 3  # the header, then one chunk per batch of at most two rows
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="statement-{alice.wallet_id}-{today()}-to-{today()}.csv"')
    rows = parsed_text(b"".join(chunks).decode())
    assert [(r["type"], r["category"], r["amount"], r["balance_after"]) for r in rows] == [
        ("credit", "topup", "100.00", "100.00"),
        ("credit", "topup", "20.50", "120.50"),
        ("credit", "topup", "3.00", "123.50"),
        ("debit", "transfer", "10.25", "113.25"),
        ("debit", "withdrawal", "1.00", "112.25"),
    ]
    send = rows[3]
    assert send["counterparty_wallet_id"] == bob.wallet_id and send["currency"] == "INR"
    assert send["description"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert send["reference_id"].startswith("VP-TXN-")
    assert rows[4]["metadata"] == '{"bank_account": "XXXX9012", "ifsc": "HDFC0001234"}'
    assert rows[0]["created_at"].startswith(today()) and rows[0]["created_at"].endswith("+05:30")


def test_the_statement_has_only_my_rows(api, busy_wallet):
    _, bob = busy_wallet
    rows = parsed(statement(api, bob))
    assert [(r["type"], r["amount"]) for r in rows] == [("credit", "10.25")]
    # Text from the sender reaches the recipient's statement too, neutralised as well.
    assert rows[0]["description"].startswith("'=")


def test_the_date_range_is_inclusive_and_defaults_to_everything_up_to_today(api, busy_wallet):
    alice, _ = busy_wallet
    everything = statement(api, alice)
    assert len(parsed(everything)) == 5
    assert f"-start-to-{today()}.csv" in everything.headers["Content-Disposition"]
    yesterday = (datetime.fromisoformat(today()) - timedelta(days=1)).date().isoformat()
    assert parsed(statement(api, alice, end_date=yesterday)) == []
    assert len(parsed(statement(api, alice, start_date=today()))) == 5
    assert parsed(statement(api, alice, start_date="2999-01-01")) == []


@pytest.mark.parametrize("query", [{"format": "pdf"}, {"start_date": "2026-02-02", "end_date": "2026-01-01"},
                                   {"start_date": "soon"}, {"colour": "red"}])
def test_bad_statement_arguments_are_refused(api, query):
    response = statement(api, api.wallet(kyc=False, pin=None), **query)
    assert response.status_code == 422 and response.json["error_code"] == "VALIDATION_ERROR"


def test_a_statement_needs_a_wallet_and_a_token(api):
    response = statement(api, api.user())
    assert response.status_code == 404 and response.json["error_code"] == "WALLET_NOT_FOUND"
    response = api.get("/transactions/statement")
    assert response.status_code == 401 and response.json["error_code"] == "TOKEN_MISSING"


@pytest.mark.parametrize("text, expected", [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("rent for May", "rent for May"), ("", ""),
])
def test_cells_a_spreadsheet_would_run_start_with_a_quote(text, expected):
    assert safe_cell(text) == expected
