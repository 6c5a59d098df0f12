"""The CSV statement: the caller's ledger rows for a date range, streamed in batches."""
from __future__ import annotations

import csv
import io
import json
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain import calendar
from tests.support import history, operations
from web.transactions.statement import COLUMNS, SUMMARY_FIELDS, safe_cell

pytestmark = pytest.mark.usefixtures("worker")


def today() -> str:
    return datetime.now(ZoneInfo("Asia/Kolkata")).date().isoformat()


def statement(api, caller, **query):
    return api.get("/transactions/statement", caller, query_string={"format": "csv", **query})


def parsed(response) -> list[dict]:
    return parsed_text(response.get_data(as_text=True))[1]


def parsed_text(body: str) -> tuple[dict, list[dict]]:
    """The summary lines (up to the empty line), then the rows under their header."""
    lines = list(csv.reader(io.StringIO(body)))
    blank = lines.index([])
    summary = dict(lines[:blank])
    assert tuple(summary) == SUMMARY_FIELDS
    assert tuple(lines[blank + 1]) == COLUMNS
    return summary, [dict(zip(COLUMNS, line, strict=True)) for line in lines[blank + 2:]]


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
    assert len(chunks) == 1 + 3  # summary and header, then one chunk per batch of at most two rows
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="statement-{alice.wallet_id}-{today()}-to-{today()}.csv"')
    summary, rows = parsed_text(b"".join(chunks).decode())
    assert summary == {"wallet_id": alice.wallet_id, "currency": "INR", "start_date": today(),
                       "end_date": today(), "opening_balance": "0.00", "total_credits": "123.50",
                       "total_debits": "11.25", "closing_balance": "112.25"}
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


def json_statement(api, caller, **query) -> dict:
    response = api.get("/transactions/statement", caller, query_string={"format": "json", **query})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = json.loads(response.get_data(as_text=True))  # streamed, still one JSON document
    assert body["success"] is True and body["request_id"] == response.headers["X-Request-ID"]
    return body["data"]


def test_the_json_statement_is_the_csv_statement_in_the_envelope(api, busy_wallet, small_batches):
    alice, _ = busy_wallet
    data = json_statement(api, alice)
    summary, rows = parsed_text(statement(api, alice).get_data(as_text=True))
    assert summary["start_date"] == "" and data["start_date"] is None  # from the first row
    assert {name: data[name] for name in SUMMARY_FIELDS} == {**summary, "start_date": None}
    assert data["closing_balance"] == "112.25" == api.balance(alice)
    assert [(i["transaction_id"], i["type"], i["amount"], i["balance_after"]) for i in data["items"]] == [
        (r["transaction_id"], r["type"], r["amount"], r["balance_after"]) for r in rows]
    # JSON is no spreadsheet: the text as it was written.
    assert data["items"][3]["description"] == '=HYPERLINK("http://evil.example","Click")'


def test_opening_and_closing_balances_follow_the_wallets_history(api, db):
    """Days of history before today, then today's postings by the worker, one batch of
    them moving the wallet three times at one instant."""
    owner, other = api.wallet(), api.wallet(funds="20.00")
    tz = ZoneInfo("Asia/Kolkata")
    day = datetime.now(tz).date() - timedelta(days=3)
    with db.transaction():
        history.write(db, owner, [
            (calendar.start_of(day, tz) - timedelta(microseconds=1), [Decimal("50.00")]),
            (calendar.start_of(day, tz), [Decimal("-5.00"), Decimal("7.25")]),
            (calendar.end_of(day, tz) - timedelta(microseconds=1), [Decimal("-2.25")]),
        ])
    operations.post_together(
        db, (owner, "send", "10.00", {"recipient_wallet_id": other.wallet_id}),
        (other, "send", "4.00", {"recipient_wallet_id": owner.wallet_id}),
        (owner, "withdraw", "6.00", {"bank_account": "XXXX9012", "ifsc": "HDFC0001234"}))
    that_day = json_statement(api, owner, start_date=day.isoformat(), end_date=day.isoformat())
    assert [that_day[k] for k in ("opening_balance", "total_credits", "total_debits", "closing_balance")] == [
        "50.00", "7.25", "7.25", "50.00"]
    assert [i["amount"] for i in that_day["items"]] == ["5.00", "7.25", "2.25"]
    today_ = json_statement(api, owner, start_date=today())
    assert [today_[k] for k in ("opening_balance", "total_credits", "total_debits", "closing_balance")] == [
        "50.00", "4.00", "16.00", "38.00"]
    assert [(i["type"], i["amount"], i["balance_after"]) for i in today_["items"]] == [
        ("debit", "10.00", "40.00"), ("credit", "4.00", "44.00"), ("debit", "6.00", "38.00")]
    assert today_["closing_balance"] == api.balance(owner)


@pytest.fixture()
def long_history(api, db):
    """A wallet with 150-odd postings over fourteen days of the business timezone, some
    on the very first and last microsecond of a day, some sharing an instant; then two
    postings by the worker today. Returns the wallet and its entries."""
    rng = random.Random(20260501)
    owner = api.wallet()
    tz = ZoneInfo("Asia/Kolkata")
    first_day = datetime.now(tz).date() - timedelta(days=14)
    instants = set()
    for offset in range(14):
        midnight = calendar.start_of(first_day + timedelta(days=offset), tz)
        instants |= {midnight, midnight - timedelta(microseconds=1)}
        instants |= {midnight + timedelta(microseconds=rng.randrange(86_400 * 10**6)) for _ in range(6)}
    balance, batches = Decimal(0), []
    for instant in sorted(instants):
        amounts = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            amount = Decimal(rng.randrange(1, 50_000)) / 100
            amount = -amount if amount <= balance and rng.random() < 0.45 else amount
            balance += amount
            amounts.append(amount)
        batches.append((instant, amounts))
    with db.transaction():
        history.write(db, owner, batches)
    api.topup(owner, "12.34", wait=10)
    assert api.money("withdraw", owner, {"amount": "0.34", "bank_account": "123456789012",
                                         "ifsc": "HDFC0001234", "pin": "4826"}, wait=10).status_code == 201
    return owner, first_day, history.entries(db, owner)


@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_opening_plus_credits_minus_debits_is_closing_for_any_range(api, long_history, data):
    owner, first_day, entries = long_history
    tz = ZoneInfo("Asia/Kolkata")
    days = st.dates(min_value=first_day - timedelta(days=2), max_value=first_day + timedelta(days=17))
    start, end = data.draw(st.none() | days, label="start"), data.draw(st.none() | days, label="end")
    if start and end and start > end:
        start, end = end, start
    query = {name: day.isoformat() for name, day in (("start_date", start), ("end_date", end)) if day}
    begins = calendar.start_of(start, tz) if start else datetime.min.replace(tzinfo=UTC)
    ends = calendar.end_of(end or datetime.now(tz).date(), tz)
    listed = sorted(e for e in entries if begins <= e[0] < ends)

    data_ = json_statement(api, owner, **query)
    opening, closing = (Decimal(data_[k]) for k in ("opening_balance", "closing_balance"))
    credits, debits = (Decimal(data_[k]) for k in ("total_credits", "total_debits"))
    assert opening + credits - debits == closing
    assert opening == sum((e[2] for e in entries if e[0] < begins), Decimal(0))
    assert closing == sum((e[2] for e in entries if e[0] < ends), Decimal(0))
    assert [i["transaction_id"] for i in data_["items"]] == [e[4] for e in listed]
    assert credits == sum((e[2] for e in listed if e[2] > 0), Decimal(0))
    assert debits == -sum((e[2] for e in listed if e[2] < 0), Decimal(0))
    summary, rows = parsed_text(statement(api, owner, **query).get_data(as_text=True))
    assert [summary[k] for k in ("opening_balance", "total_credits", "total_debits", "closing_balance")] == [
        data_[k] for k in ("opening_balance", "total_credits", "total_debits", "closing_balance")]
    assert [r["transaction_id"] for r in rows] == [e[4] for e in listed]


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
