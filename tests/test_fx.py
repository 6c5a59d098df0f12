"""Multi-currency and FX on the real stack (API.md section 17): wallets in several
currencies, administrators' rates (audited), quotes bound to their caller and used at
most once, sends across currencies posted per currency through the FX system accounts,
and the ledger reconciled currency by currency."""
from __future__ import annotations

import json
import threading
import uuid
from datetime import datetime
from decimal import Decimal

import psycopg
import pytest

import settings
from checks.ledger import violations, wait_all_finished
from tests.support.api import PIN, Api
from tests.support.waiting import eventually

pytestmark = pytest.mark.usefixtures("worker")

CURRENCIES = ("INR", "USD", "EUR", "GBP", "AED", "SGD")


def error_code(response) -> str:
    return response.json["error_code"]


def set_rate(api, admin, base: str, quote: str, rate: str, spread_bps: int = 0):
    response = api.call("PUT", f"/admin/fx/rates/{base}/{quote}", admin,
                        json={"rate": rate, "spread_bps": spread_bps})
    assert response.status_code == 200, response.json
    return response.json["data"]


def quote(api, caller, from_currency: str, to_currency: str, **amount) -> dict:
    response = api.post("/fx/quotes", caller, json={
        "from_currency": from_currency, "to_currency": to_currency, **amount})
    assert response.status_code == 201, response.json
    return response.json["data"]


def fx_send(api, sender, recipient, amount: str, quote_id: str | None, **kw):
    body = {"recipient_wallet_id": recipient.wallet_id, "amount": amount, "pin": PIN}
    if quote_id is not None:
        body["quote_id"] = quote_id
    return api.money("send", sender, body, **kw)


def account_balance(db, account: str) -> Decimal:
    row = db.execute("SELECT balance FROM system_accounts WHERE id = %s", (account,)).fetchone()
    return row[0] if row else Decimal("0.00")


def currency_totals(db) -> dict[str, Decimal]:
    return dict(db.execute(
        "SELECT currency, sum(balance) FROM (SELECT currency, balance FROM wallets"
        " UNION ALL SELECT currency, balance FROM system_accounts) a GROUP BY currency").fetchall())


@pytest.fixture()
def admin(api):
    return api.user("admin")


@pytest.fixture()
def inr_to_usd(api, admin):
    """USD/INR at 80, no spread: 1000.00 INR buys 12.50 USD."""
    set_rate(api, admin, "USD", "INR", "80")


# --- wallets and rates -------------------------------------------------------------------
@pytest.mark.parametrize("currency", CURRENCIES)
def test_a_wallet_opens_in_each_configured_currency(api, currency):
    response = api.post("/wallets/create", api.user(), json={"currency": currency})
    assert response.status_code == 201 and response.json["data"]["currency"] == currency


def test_an_admin_sets_a_rate_and_the_change_is_audited_before_and_after(api, db, admin):
    first = set_rate(api, admin, "GBP", "AED", "4.6512", 40)
    assert first["base"] == "GBP" and first["quote"] == "AED"
    assert (first["rate"], first["spread_bps"], first["updated_by"]) == ("4.6512", 40, admin.user_id)
    set_rate(api, admin, "GBP", "AED", "4.7", 25)
    response = api.get("/admin/audit-logs", admin,
                       query_string={"action": "UPDATE_FX_RATE", "actor_id": admin.user_id})
    rows = response.json["data"]["items"]  # newest first
    assert [(row["target_type"], row["target_id"]) for row in rows] == [("fx_rate", "GBP/AED")] * 2
    first_state = {"base": "GBP", "quote": "AED", "rate": "4.6512000000", "spread_bps": 40}
    assert [(row["before_state"], row["after_state"]) for row in reversed(rows)] == [
        (None, first_state),
        (first_state, {"base": "GBP", "quote": "AED", "rate": "4.7000000000", "spread_bps": 25}),
    ]
    listed = api.get("/fx/rates", api.user()).json["data"]
    assert set(CURRENCIES) <= set(listed["currencies"]) and listed["quote_validity_s"] == 60
    [pair] = [r for r in listed["rates"] if (r["base"], r["quote"]) == ("GBP", "AED")]
    # Customers converting GBP to AED get the mid rate less 0.25 %.
    assert (pair["rate"], pair["spread_bps"], pair["customer_rate"]) == ("4.7", 25, "4.68825")


@pytest.mark.parametrize("role", ["user", "moderator"])
def test_only_admins_set_rates(api, role):
    response = api.call("PUT", "/admin/fx/rates/USD/INR", api.user(role),
                        json={"rate": "1", "spread_bps": 0})
    assert response.status_code == 403 and error_code(response) == "INSUFFICIENT_PERMISSIONS"


# --- quotes --------------------------------------------------------------------------------
def test_a_quote_fixes_the_rate_and_both_amounts_for_sixty_seconds(api, admin):
    set_rate(api, admin, "EUR", "SGD", "1.5", 100)  # customers get 1.485 SGD per EUR
    alice = api.user()
    by_source = quote(api, alice, "EUR", "SGD", source_amount="10.01")
    assert set(by_source) == {"quote_id", "from_currency", "to_currency", "rate", "source_amount",
                              "target_amount", "created_at", "expires_at"}
    # 10.01 x 1.485 = 14.86485, rounded half-even to the cent.
    assert (by_source["rate"], by_source["source_amount"], by_source["target_amount"]) == \
        ("1.485", "10.01", "14.86")
    valid_for = (datetime.fromisoformat(by_source["expires_at"])
                 - datetime.fromisoformat(by_source["created_at"]))
    assert valid_for.total_seconds() == 60
    # The other way round, at the inverse of the mid rate less the same spread.
    by_target = quote(api, alice, "SGD", "EUR", target_amount="100.00")
    assert by_target["rate"] == "0.66" and by_target["source_amount"] == "151.52"


def test_a_pair_without_a_rate_cannot_be_quoted(api):
    response = api.post("/fx/quotes", api.user(), json={
        "from_currency": "AED", "to_currency": "SGD", "source_amount": "1.00"})
    assert response.status_code == 422 and error_code(response) == "FX_RATE_UNAVAILABLE"


@pytest.mark.parametrize("body, field", [
    ({"from_currency": "INR", "to_currency": "USD"}, "_schema"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": "1.00",
      "target_amount": "1.00"}, "_schema"),
    ({"from_currency": "INR", "to_currency": "INR", "source_amount": "1.00"}, "to_currency"),
    ({"from_currency": "JPY", "to_currency": "INR", "source_amount": "1.00"}, "from_currency"),
    ({"from_currency": "inr", "to_currency": "USD", "source_amount": "1.00"}, "from_currency"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": "NaN"}, "source_amount"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": "Infinity"}, "source_amount"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": "1e400"}, "source_amount"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": 10.5}, "source_amount"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": "0.00"}, "source_amount"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": "1000000000.00"}, "source_amount"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": "0.01"}, "source_amount"),
    ({"from_currency": "INR", "to_currency": "USD", "source_amount": "1.00", "rate": "99"}, "rate"),
])
def test_a_malformed_quote_request_is_a_validation_error(api, inr_to_usd, body, field):
    response = api.post("/fx/quotes", api.user(), json=body)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR", response.json
    assert field in response.json["details"]


@pytest.mark.parametrize("raw", ['{"from_currency": "INR", "to_currency": "USD", "source_amount": NaN}',
                                 '{"from_currency": "INR", "to_currency": "USD", "source_amount": 1e400}',
                                 '{"from_currency": "INR", "from_currency": "EUR", "to_currency": "USD"}'])
def test_hostile_json_in_a_quote_request_is_malformed_json(api, raw):
    response = api.post("/fx/quotes", api.user(), data=raw, content_type="application/json")
    assert response.status_code == 400 and error_code(response) == "MALFORMED_JSON"


@pytest.mark.parametrize("path, body, field", [
    ("/admin/fx/rates/USD/INR", {"rate": "NaN", "spread_bps": 0}, "rate"),
    ("/admin/fx/rates/USD/INR", {"rate": "Infinity", "spread_bps": 0}, "rate"),
    ("/admin/fx/rates/USD/INR", {"rate": "1e400", "spread_bps": 0}, "rate"),
    ("/admin/fx/rates/USD/INR", {"rate": "-80", "spread_bps": 0}, "rate"),
    ("/admin/fx/rates/USD/INR", {"rate": "0", "spread_bps": 0}, "rate"),
    ("/admin/fx/rates/USD/INR", {"rate": "10000000", "spread_bps": 0}, "rate"),
    ("/admin/fx/rates/USD/INR", {"rate": "0.00000001", "spread_bps": 0}, "rate"),
    ("/admin/fx/rates/USD/INR", {"rate": 80, "spread_bps": 0}, "rate"),
    ("/admin/fx/rates/USD/INR", {"rate": "80", "spread_bps": -1}, "spread_bps"),
    ("/admin/fx/rates/USD/INR", {"rate": "80", "spread_bps": 1001}, "spread_bps"),
    ("/admin/fx/rates/USD/INR", {"rate": "80", "spread_bps": 10 ** 30}, "spread_bps"),
    ("/admin/fx/rates/USD/INR", {"rate": "80", "spread_bps": 12.5}, "spread_bps"),
    ("/admin/fx/rates/USD/INR", {"rate": "80", "spread_bps": "50"}, "spread_bps"),
    ("/admin/fx/rates/USD/INR", {"rate": "80", "spread_bps": True}, "spread_bps"),
    ("/admin/fx/rates/USD/INR", {"rate": "80"}, "spread_bps"),
    ("/admin/fx/rates/usd/INR", {"rate": "80", "spread_bps": 0}, "base"),
    ("/admin/fx/rates/XAU/INR", {"rate": "80", "spread_bps": 0}, "base"),
    ("/admin/fx/rates/USD/INRR", {"rate": "80", "spread_bps": 0}, "quote"),
    ("/admin/fx/rates/USD/USD", {"rate": "80", "spread_bps": 0}, "quote"),
    ("/admin/fx/rates/US%00/INR", {"rate": "80", "spread_bps": 0}, "base"),
])
def test_a_hostile_or_insane_rate_is_refused_and_changes_nothing(api, db, admin, path, body, field):
    before = api.get("/fx/rates", admin).json["data"]["rates"]
    response = api.call("PUT", path, admin, json=body)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR", response.json
    assert field in response.json["details"]
    assert api.get("/fx/rates", admin).json["data"]["rates"] == before


def test_quotes_per_minute_are_limited_per_user(database_url, db, admin):
    from web.app import create_app

    api = Api(create_app(test_config={"fx_quote_rate_per_minute": 2}).test_client(), db)
    set_rate(api, admin, "USD", "INR", "80")
    alice = api.user()
    body = {"from_currency": "INR", "to_currency": "USD", "source_amount": "100.00"}
    statuses = [api.post("/fx/quotes", alice, json=body).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert api.post("/fx/quotes", api.user(), json=body).status_code == 201


# --- sends across currencies ----------------------------------------------------------------
def test_a_send_across_currencies_debits_and_credits_each_wallet_in_its_own_currency(
        api, db, inr_to_usd):
    alice, bob = api.wallet(funds="5000.00"), api.wallet(currency="USD")
    fx_inr, fx_usd = account_balance(db, "fx:INR"), account_balance(db, "fx:USD")
    terms = quote(api, alice, "INR", "USD", source_amount="1000.00")
    assert (terms["rate"], terms["target_amount"]) == ("0.0125", "12.50")

    response = fx_send(api, alice, bob, "1000.00", terms["quote_id"], wait=10)

    assert response.status_code == 201, response.json
    operation = response.json["data"]
    assert (operation["status"], operation["amount"], operation["currency"]) == \
        ("completed", "1000.00", "INR")
    [debit] = operation["result"]["transactions"]
    assert (debit["type"], debit["amount"], debit["currency"]) == ("debit", "1000.00", "INR")
    assert debit["metadata"]["fx"] == {
        "quote_id": terms["quote_id"], "rate": "0.0125", "source_amount": "1000.00",
        "source_currency": "INR", "target_amount": "12.50", "target_currency": "USD",
        "expires_at": debit["metadata"]["fx"]["expires_at"]}
    assert api.balance(alice) == "4000.00" and api.balance(bob) == "12.50"
    [credit] = api.get("/transactions/history", bob).json["data"]["items"]
    assert (credit["type"], credit["amount"], credit["currency"], credit["balance_after"],
            credit["counterparty_wallet_id"], credit["reference_id"]) == \
        ("credit", "12.50", "USD", "12.50", alice.wallet_id, debit["reference_id"])
    [notice] = [n for n in api.get("/notifications", bob).json["data"]["items"]
                if n["type"] == "money_received"]
    assert (notice["metadata"]["amount"], notice["metadata"]["currency"]) == ("12.50", "USD")
    assert "12.50 USD" in notice["body"]
    # Each currency balances through its FX account.
    assert account_balance(db, "fx:INR") - fx_inr == Decimal("1000.00")
    assert account_balance(db, "fx:USD") - fx_usd == Decimal("-12.50")
    assert db.execute("SELECT used_by_operation_id::text FROM fx_quotes WHERE id = %s",
                      (terms["quote_id"],)).fetchone()[0] == operation["operation_id"]


def test_a_used_quote_is_refused_before_anything_is_accepted(api, db, inr_to_usd):
    alice, bob = api.wallet(funds="100.00"), api.wallet(currency="USD")
    terms = quote(api, alice, "INR", "USD", source_amount="10.00")
    assert fx_send(api, alice, bob, "10.00", terms["quote_id"], wait=10).status_code == 201
    again = fx_send(api, alice, bob, "10.00", terms["quote_id"])
    assert again.status_code == 422 and error_code(again) == "FX_QUOTE_INVALID"
    assert "already used" in again.json["details"]["quote_id"][0]
    assert api.balance(alice) == "90.00" and api.balance(bob) == "0.12"  # 0.125, half-even


def test_a_send_across_currencies_without_a_quote_is_refused(api, db):
    alice, bob = api.wallet(funds="100.00"), api.wallet(currency="EUR")
    response = fx_send(api, alice, bob, "10.00", None)
    assert response.status_code == 422 and error_code(response) == "FX_QUOTE_INVALID"
    assert db.execute("SELECT count(*) FROM operations WHERE user_id = %s AND type = 'send'",
                      (alice.user_id,)).fetchone()[0] == 0


@pytest.mark.parametrize("case", ["another caller", "another amount", "other currencies",
                                  "one currency", "unknown quote"])
def test_a_quote_that_does_not_fit_the_send_is_refused_and_stays_usable(
        api, db, admin, inr_to_usd, case):
    set_rate(api, admin, "EUR", "INR", "90")
    alice, bob = api.wallet(funds="100.00"), api.wallet(currency="USD")
    carol = api.wallet(funds="100.00")
    terms = quote(api, alice, "INR", "USD", source_amount="10.00")
    sender, recipient, amount, quote_id = {
        "another caller": (carol, bob, "10.00", terms["quote_id"]),
        "another amount": (alice, bob, "10.01", terms["quote_id"]),
        "other currencies": (alice, bob, "10.00",
                             quote(api, alice, "INR", "EUR", source_amount="10.00")["quote_id"]),
        "one currency": (alice, carol, "10.00", terms["quote_id"]),
        "unknown quote": (alice, bob, "10.00", str(uuid.uuid4())),
    }[case]
    refused = fx_send(api, sender, recipient, amount, quote_id)
    assert refused.status_code == 422 and error_code(refused) == "FX_QUOTE_INVALID", refused.json
    assert api.balance(alice) == "100.00" and api.balance(carol) == "100.00"
    # Refused without being used up: its owner can still pay with it.
    assert fx_send(api, alice, bob, "10.00", terms["quote_id"], wait=10).json["data"]["status"] == "completed"


def test_a_malformed_quote_id_is_a_validation_error(api):
    alice, bob = api.wallet(funds="10.00"), api.wallet(currency="USD")
    response = fx_send(api, alice, bob, "1.00", "not-a-uuid")
    assert response.status_code == 422 and list(response.json["details"]) == ["quote_id"]


# --- expiry and double use: refused exactly ---------------------------------------------------
@pytest.fixture()
def short_quotes(db):
    """An API whose quotes hold 1 s (FX_QUOTE_TTL_S), the same database and worker."""
    from web.app import create_app

    return Api(create_app(test_config={"fx_quote_ttl_s": 1}).test_client(), db)


def wait_expired(db, quote_id: str) -> None:
    assert eventually(lambda: db.execute(
        "SELECT now() >= expires_at FROM fx_quotes WHERE id = %s", (quote_id,)).fetchone()[0], 10)


def test_an_expired_quote_is_refused_and_moves_nothing(short_quotes, db, admin):
    api = short_quotes
    set_rate(api, admin, "USD", "INR", "80")
    alice, bob = api.wallet(funds="100.00"), api.wallet(currency="USD")
    terms = quote(api, alice, "INR", "USD", source_amount="10.00")
    wait_expired(db, terms["quote_id"])
    response = fx_send(api, alice, bob, "10.00", terms["quote_id"])
    assert response.status_code == 422 and error_code(response) == "FX_QUOTE_INVALID"
    assert "expired" in response.json["details"]["quote_id"][0]
    assert api.balance(alice) == "100.00" and api.balance(bob) == "0.00"


def test_a_send_accepted_before_its_quote_expired_posts_even_when_posted_after(
        short_quotes, db, database_url, admin):
    api = short_quotes
    set_rate(api, admin, "USD", "INR", "80")
    alice, bob = api.wallet(funds="100.00"), api.wallet(currency="USD")
    terms = quote(api, alice, "INR", "USD", source_amount="10.00")
    blocker = psycopg.connect(database_url.replace("+psycopg", ""))
    try:
        # Our row lock on the sender's wallet keeps the worker from posting until the
        # quote has expired; accepting the send does not need it.
        blocker.execute("SELECT 1 FROM wallets WHERE id = %s FOR NO KEY UPDATE", (alice.wallet_id,))
        accepted = fx_send(api, alice, bob, "10.00", terms["quote_id"])
        assert accepted.status_code == 202, accepted.json
        wait_expired(db, terms["quote_id"])
    finally:
        blocker.rollback()
        blocker.close()
    operation_id = accepted.json["data"]["operation_id"]
    assert wait_all_finished(db, [operation_id])[operation_id] == "completed"
    created, expires = db.execute(
        "SELECT o.created_at, q.expires_at FROM operations o JOIN fx_quotes q"
        " ON q.used_by_operation_id = o.id WHERE o.id = %s", (operation_id,)).fetchone()
    assert created < expires
    assert api.balance(bob) == "0.12"  # 0.125, half-even


def test_two_sends_racing_with_one_quote_post_exactly_once(app, db, database_url, inr_to_usd):
    api = Api(app.test_client(), db)
    alice, bob = api.wallet(funds="100.00"), api.wallet(currency="USD")
    terms = quote(api, alice, "INR", "USD", source_amount="40.00")
    start, responses, guard = threading.Barrier(2), [], threading.Lock()

    def send():
        client = Api(app.test_client(), db)
        start.wait()
        response = fx_send(client, alice, bob, "40.00", terms["quote_id"])
        with guard:
            responses.append(response)

    blocker = psycopg.connect(database_url.replace("+psycopg", ""))
    try:
        # Neither posts before both are accepted: the advisory check at submit passes
        # both, and the posting alone must refuse the second.
        blocker.execute("SELECT 1 FROM wallets WHERE id = %s FOR NO KEY UPDATE", (alice.wallet_id,))
        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        blocker.rollback()
        blocker.close()
    assert sorted(r.status_code for r in responses) == [202, 202], [r.json for r in responses]
    accepted = [r.json["data"]["operation_id"] for r in responses]
    statuses = wait_all_finished(db, accepted)
    assert sorted(statuses.values()) == ["completed", "failed"]
    [failed] = [op for op, status in statuses.items() if status == "failed"]
    assert api.get(f"/operations/{failed}", alice).json["data"]["error"]["error_code"] == "FX_QUOTE_INVALID"
    assert api.balance(alice) == "60.00" and api.balance(bob) == "0.50"


# --- reconciliation, currency by currency --------------------------------------------------------
def test_after_sends_across_currencies_every_currency_sums_to_zero_and_reconciles(
        api, db, admin, inr_to_usd):
    set_rate(api, admin, "EUR", "USD", "1.0837", 35)
    alice, bob = api.wallet(funds="900.00"), api.wallet(currency="USD", funds="50.00")
    carol = api.wallet(currency="EUR", funds="20.00")
    sends = [(alice, bob, quote(api, alice, "INR", "USD", source_amount="333.33")),
             (bob, carol, quote(api, bob, "USD", "EUR", target_amount="7.77")),
             (carol, bob, quote(api, carol, "EUR", "USD", source_amount="3.33"))]
    for sender, recipient, terms in sends:
        done = fx_send(api, sender, recipient, terms["source_amount"], terms["quote_id"], wait=10)
        assert done.json["data"]["status"] == "completed", done.json
    assert {currency: total for currency, total in currency_totals(db).items() if total} == {}
    assert violations(db) == []
    run_id = api.post("/admin/reconciliation", admin).json["data"]["run_id"]

    def finished_run():
        run = api.get(f"/admin/reconciliation/{run_id}", admin).json["data"]
        return run if run["finished_at"] else None

    run = eventually(finished_run, 30)
    assert run and run["ok"] is True, run


def test_a_journal_balanced_in_total_but_not_per_currency_is_found_and_refused(api, db, database_url):
    """1.00 INR into a wallet against 1.00 USD out of fx:USD sums to zero, but creates
    a rupee and destroys a dollar: the reconciliation, the oracle and the database's
    own balance check (at commit) all see it."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from db.reconciliation import find_violations
    from db.session import engine_for
    from domain.reconciliation import BALANCED_JOURNAL

    owner = api.wallet()
    operation_id, journal_id = uuid.uuid4(), uuid.uuid4()
    statements = [
        "INSERT INTO system_accounts (id, currency) VALUES ('fx:USD', 'USD') ON CONFLICT DO NOTHING",
        "INSERT INTO operations (id, user_id, wallet_id, type, status, amount, currency,"
        " idempotency_key, request_fingerprint, finished_at) VALUES (%(op)s, %(user)s, %(wallet)s,"
        " 'send', 'completed', 1, 'INR', %(key)s, 'x', now())",
        "INSERT INTO journals (id, reference_id, operation_id, category, currency)"
        " VALUES (%(journal)s, %(ref)s, %(op)s, 'transfer', 'INR')",
        "INSERT INTO ledger_entries (id, journal_id, wallet_id, amount, balance_after)"
        " VALUES (gen_random_uuid(), %(journal)s, %(wallet)s, 1, 1)",
        "INSERT INTO ledger_entries (id, journal_id, system_account_id, amount, balance_after)"
        " VALUES (gen_random_uuid(), %(journal)s, 'fx:USD', -1, -1)",
    ]
    values = {"op": operation_id, "user": owner.user_id, "wallet": owner.wallet_id,
              "key": str(operation_id), "journal": journal_id,
              "ref": f"VP-TXN-F{uuid.uuid4().hex[:9].upper()}"}
    with psycopg.connect(database_url.replace("+psycopg", "")) as conn:
        for sql in statements:
            conn.execute(sql, values)
        assert any(f"journal {journal_id} is unbalanced in" in line for line in violations(conn))
        conn.rollback()
    with Session(engine_for(database_url)) as session:
        for sql in statements:
            session.execute(text(sql.replace("%(", ":").replace(")s", "")), values)
        found = [v for v in find_violations(session) if v.subject == str(journal_id)]
        session.rollback()
    assert [v.invariant for v in found] == [BALANCED_JOURNAL] * 2
    assert {v.detail.split(" entries in ")[1][:3] for v in found} == {"INR", "USD"}
    with pytest.raises(psycopg.errors.CheckViolation, match="unbalanced by"):
        with psycopg.connect(database_url.replace("+psycopg", "")) as conn:
            for sql in statements:
                conn.execute(sql, values)
            conn.commit()
    assert db.execute("SELECT count(*) FROM journals WHERE id = %s", (journal_id,)).fetchone()[0] == 0


def test_a_used_quote_cannot_be_released_or_altered(api, db, inr_to_usd):
    alice, bob = api.wallet(funds="10.00"), api.wallet(currency="USD")
    terms = quote(api, alice, "INR", "USD", source_amount="8.00")
    assert fx_send(api, alice, bob, "8.00", terms["quote_id"], wait=10).json["data"]["status"] == "completed"
    for change in ("used_by_operation_id = NULL, used_at = NULL", "target_amount = 999"):
        with pytest.raises(psycopg.errors.CheckViolation, match="used at most once"):
            with db.transaction():
                db.execute(f"UPDATE fx_quotes SET {change} WHERE id = %s", (terms["quote_id"],))


def test_a_dispute_over_a_send_across_currencies_cannot_be_refunded_and_stays_open(
        api, db, inr_to_usd):
    alice, bob = api.wallet(funds="5000.00"), api.wallet(currency="USD")
    moderator = api.user(role="moderator")
    terms = quote(api, alice, "INR", "USD", source_amount="1000.00")
    sent = fx_send(api, alice, bob, "1000.00", terms["quote_id"], wait=10)
    assert sent.status_code == 201, sent.json
    [debit] = sent.json["data"]["result"]["transactions"]
    opened = api.post("/disputes", alice, json={"transaction_id": debit["transaction_id"],
                                                "reason": "Goods never arrived"})
    assert opened.status_code == 201, opened.json
    dispute_id = opened.json["data"]["dispute_id"]

    refused = api.post(f"/admin/disputes/{dispute_id}/resolve", moderator,
                       json={"resolution": "refund", "resolution_notes": "Not delivered"})

    assert refused.status_code == 422 and refused.json["error_code"] == "CURRENCY_MISMATCH"
    assert api.get(f"/disputes/{dispute_id}", alice).json["data"]["status"] == "open"
    assert db.execute("SELECT count(*) FROM operations WHERE type = 'refund' AND wallet_id = %s",
                      (alice.wallet_id,)).fetchone()[0] == 0
    assert api.balance(alice) == "4000.00" and api.balance(bob) == "12.50"


def test_quotes_long_expired_and_unused_are_purged_and_no_other(api, db):
    """The `purge_fx_quotes` beat job (FX_QUOTE_RETENTION_H, 24 h): a quote that can no
    longer pay anything goes; a recent one, a used one, and an old one that a send still
    being posted carries all stay."""
    from workers.fx import purge_expired

    alice = api.wallet(funds="10.00")

    def old_quote(expired_ago: str, used_by: str | None = None) -> str:
        quote_id = str(uuid.uuid4())
        db.execute("INSERT INTO fx_quotes (id, user_id, from_currency, to_currency, rate,"
                   " source_amount, target_amount, created_at, expires_at, used_by_operation_id,"
                   " used_at) VALUES (%s, %s, 'INR', 'USD', 0.0125, 8.00, 0.10,"
                   " now() - %s::interval - interval '60 seconds', now() - %s::interval, %s,"
                   " CASE WHEN %s THEN now() - %s::interval END)",
                   (quote_id, alice.user_id, expired_ago, expired_ago, used_by,
                    used_by is not None, expired_ago))
        return quote_id

    def operation(status: str, quote_id: str | None = None) -> str:
        operation_id = str(uuid.uuid4())
        payload = {"fx": {"quote_id": quote_id}} if quote_id else {}
        failed = status == "failed"
        db.execute("INSERT INTO operations (id, user_id, wallet_id, type, amount, currency,"
                   " idempotency_key, request_fingerprint, payload, status, error_code,"
                   " finished_at) VALUES (%s, %s, %s, 'send', 8.00, 'INR', %s, 'x', %s, %s, %s,"
                   " CASE WHEN %s THEN now() END)",
                   (operation_id, alice.user_id, alice.wallet_id, uuid.uuid4().hex,
                    json.dumps(payload), status, "FX_QUOTE_INVALID" if failed else None, failed))
        return operation_id

    stale = old_quote("2 days")
    recent = old_quote("1 hour")
    used = old_quote("2 days", used_by=operation("failed"))
    carried = old_quote("2 days")
    posting = operation("processing", carried)  # a send accepted in time, being posted
    try:
        assert purge_expired(settings.load()) >= 1
    finally:  # nobody is really posting it: it must not reach a worker
        db.execute("UPDATE operations SET status = 'failed', error_code = 'FX_QUOTE_INVALID',"
                   " finished_at = now() WHERE id = %s", (posting,))
    kept = {row[0] for row in db.execute("SELECT id::text FROM fx_quotes WHERE id::text = ANY(%s)",
                                         ([stale, recent, used, carried],)).fetchall()}
    assert kept == {recent, used, carried}
