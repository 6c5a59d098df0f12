"""Balances as of an instant (GET /wallets/balance?at=, GET /admin/wallets/{id}/balance):
exact to the entry, checked against a replay of the wallet's entries at random instants,
including the instant of a batch that posted several of the wallet's entries at once,
before the first entry and now; and final, even while a posting is in flight."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.ledger import statuses, violations
from tests.support import history, operations

pytestmark = pytest.mark.usefixtures("worker")

MICROSECOND = timedelta(microseconds=1)


def balance_at(api, caller, at) -> str:
    text = at if isinstance(at, str) else at.isoformat()
    response = api.get("/wallets/balance", caller, query_string={"at": text})
    assert response.status_code == 200, response.json
    return response.json["data"]["balance"]


@pytest.fixture()
def ledger(api, db):
    """A wallet with eleven days of history written as the engine writes it (several
    postings sharing an instant, some on the business day's edges), then real postings
    by the worker: a top-up, and a batch of three operations of the wallet."""
    owner, other = api.wallet(), api.wallet(funds="50.00")
    midnight = datetime.now(UTC).replace(hour=18, minute=30, second=0, microsecond=0) - timedelta(days=10)
    past = [
        (midnight - timedelta(days=1), [Decimal("100.00")]),
        (midnight - MICROSECOND, [Decimal("-10.00"), Decimal("5.55")]),   # 23:59:59.999999 IST
        (midnight, [Decimal("1.00")]),                                   # 00:00 IST
        (midnight + timedelta(hours=3), [Decimal("-0.55"), Decimal("20.00"), Decimal("-30.00")]),
        (midnight + timedelta(days=4, minutes=7), [Decimal("-86.00")]),
        (midnight + timedelta(days=6, seconds=1), [Decimal("42.42"), Decimal("-0.42")]),
    ]
    with db.transaction():
        history.write(db, owner, past)
    api.topup(owner, "10.00", wait=10)
    ids = operations.post_together(
        db, (owner, "send", "1.00", {"recipient_wallet_id": other.wallet_id}),
        (other, "send", "2.50", {"recipient_wallet_id": owner.wallet_id}),
        (owner, "withdraw", "0.75", {"bank_account": "XXXX9012", "ifsc": "HDFC0001234"}))
    assert set(statuses(db, ids).values()) == {"completed"}
    return owner, history.entries(db, owner)


def test_entries_of_one_batch_take_effect_at_one_instant(api, db, ledger):
    """No instant lies between the entries of a batch: the balance never showed its
    first entry without the others, so none is shown before its last either."""
    owner, entries = ledger
    batch_instant = max(created_at for created_at, *_ in entries)
    batch = sorted(e for e in entries if e[0] == batch_instant)
    assert [e[2] for e in batch] == [Decimal("-1.00"), Decimal("2.50"), Decimal("-0.75")]
    assert [e[1] for e in batch] == sorted(e[1] for e in batch)  # seq: the order applied
    before, after = batch[0][3] - batch[0][2], batch[-1][3]
    assert balance_at(api, owner, batch_instant - MICROSECOND) == f"{before:.2f}" == "52.00"
    assert balance_at(api, owner, batch_instant) == f"{after:.2f}" == "52.75"
    assert balance_at(api, owner, batch_instant + MICROSECOND) == "52.75"
    assert api.balance(owner) == "52.75"


def test_the_balance_before_the_first_entry_is_zero_and_now_is_the_balance(api, ledger):
    owner, entries = ledger
    first = min(created_at for created_at, *_ in entries)
    assert balance_at(api, owner, first - MICROSECOND) == "0.00"
    assert balance_at(api, owner, "1970-01-01T00:00:00Z") == "0.00"
    assert balance_at(api, owner, first) == "100.00"
    assert balance_at(api, owner, datetime.now(UTC)) == api.balance(owner)
    # One instant, however it is written; an unencoded "+" arrives as a space.
    same = first.astimezone(datetime.fromisoformat("2026-01-01T00:00:00+05:30").tzinfo)
    assert balance_at(api, owner, same) == "100.00"
    assert balance_at(api, owner, same.isoformat().replace("+", " ")) == "100.00"


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_balance_at_any_instant_is_the_replay_of_the_entries_up_to_it(api, ledger, data):
    owner, entries = ledger
    instants = sorted({created_at for created_at, *_ in entries})
    # Bounds fixed by the ledger, not the clock: hypothesis replays a failing example,
    # and a bound that moved with now() made it refuse the replay as a different draw.
    start, end = instants[0] - timedelta(days=1), instants[-1]
    at = data.draw(st.one_of(
        st.sampled_from(instants),
        st.sampled_from(instants).map(lambda t: t - MICROSECOND),
        st.sampled_from(instants).map(lambda t: t + MICROSECOND),
        st.datetimes(min_value=start.replace(tzinfo=None), max_value=end.replace(tzinfo=None),
                     timezones=st.just(UTC)),
    ), label="at")
    expected = history.replay(entries, at)
    assert balance_at(api, owner, at) == f"{expected:.2f}"
    # Exact to the entry: a balance the wallet really had, that of its last entry so far.
    assert expected in {Decimal("0.00")} | {after for *_, after, _ in entries}


def test_the_answer_for_an_instant_waits_for_a_posting_in_flight(api, database_url, db):
    """A posting holds its wallet's row until it commits, with its entries stamped
    already: a balance read meanwhile waits for it instead of answering without them
    (an answer that would change once it commits)."""
    owner = api.wallet(funds="5.00")
    answers: list[str] = []
    url = database_url.replace("+psycopg", "")
    with psycopg.connect(url) as posting:
        history.write(posting, owner, [(None, [Decimal("7.00")])])  # in flight: not committed
        reader = threading.Thread(
            target=lambda: answers.append(balance_at(api, owner, datetime.now(UTC))))
        reader.start()
        reader.join(timeout=1.0)
        assert reader.is_alive() and answers == []  # waiting for the posting
        posting.commit()
    reader.join(timeout=10)
    assert answers == ["12.00"]
    assert violations(db) == []


@pytest.fixture()
def moderator(api):
    return api.user("moderator")


def admin_balance(api, caller, wallet_id: str, **query):
    return api.get(f"/admin/wallets/{wallet_id}/balance", caller, query_string=query)


def test_a_moderator_reads_any_wallets_balance_at_an_instant_without_an_audit_row(api, db, ledger, moderator):
    owner, entries = ledger
    first = min(created_at for created_at, *_ in entries)
    audited = db.execute("SELECT count(*) FROM audit_logs WHERE actor_id = %s",
                         (moderator.user_id,)).fetchone()[0]
    response = admin_balance(api, moderator, owner.wallet_id, at=first.isoformat())
    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert (data["wallet_id"], data["balance"], data["currency"]) == (owner.wallet_id, "100.00", "INR")
    assert datetime.fromisoformat(data["at"]) == first
    now = admin_balance(api, moderator, owner.wallet_id).json["data"]
    assert now["balance"] == api.balance(owner) == "52.75"
    # A read, like the wallet's detail page: nothing written to the audit trail.
    assert db.execute("SELECT count(*) FROM audit_logs WHERE actor_id = %s",
                      (moderator.user_id,)).fetchone()[0] == audited


def test_only_moderators_and_above_read_another_wallets_balance(api):
    owner = api.wallet(funds="3.00")
    for role, status in (("user", 403), ("moderator", 200), ("admin", 200), ("super_admin", 200)):
        response = admin_balance(api, api.user(role), owner.wallet_id)
        assert response.status_code == status, (role, response.json)
        if status == 403:
            assert response.json["error_code"] == "INSUFFICIENT_PERMISSIONS"
        else:
            assert response.json["data"]["balance"] == "3.00"
    assert admin_balance(api, None, owner.wallet_id).json["error_code"] == "TOKEN_MISSING"


@pytest.mark.parametrize("wallet_id", ["VPY-000000", "nothing-like-an-id", "x" * 300])
def test_an_unknown_wallet_has_no_balance(api, moderator, wallet_id):
    response = admin_balance(api, moderator, wallet_id, at="2026-01-01T00:00:00Z")
    assert response.status_code == 404 and response.json["error_code"] == "WALLET_NOT_FOUND"


BAD_INSTANTS = [
    pytest.param((datetime.now(UTC) + timedelta(minutes=5)).isoformat(), id="future"),
    pytest.param("9999-12-31T23:59:59-23:59", id="far-future"),
    pytest.param("2026-01-01T10:00:00", id="naive"),
    pytest.param("2026-01-01", id="a-date"),
    pytest.param("yesterday", id="garbage"),
    pytest.param("2026-13-45T99:00:00Z", id="impossible"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("at", BAD_INSTANTS)
def test_an_instant_in_the_future_naive_or_garbled_is_refused(api, moderator, at):
    owner = api.wallet()
    for response in (api.get("/wallets/balance", owner, query_string={"at": at}),
                     admin_balance(api, moderator, owner.wallet_id, at=at)):
        assert response.status_code == 422, response.json
        assert response.json["error_code"] == "VALIDATION_ERROR"
        assert "at" in response.json["details"]


def test_the_balance_without_at_is_unchanged(api):
    owner = api.wallet(funds="4.00")
    data = api.get("/wallets/balance", owner).json["data"]
    assert data == {"balance": "4.00", "currency": "INR", "available_balance": "4.00"}
    response = api.get("/wallets/balance", api.user(), query_string={"at": "2026-01-01T00:00:00Z"})
    assert response.status_code == 404 and response.json["error_code"] == "WALLET_NOT_FOUND"


def test_an_instant_before_year_one_in_utc_is_still_an_answer(api):
    owner = api.wallet(funds="1.00")
    response = api.get("/wallets/balance", owner, query_string={"at": "0001-01-01T00:00:00+14:00"})
    assert response.status_code == 200, response.json
    assert response.json["data"] == {"balance": "0.00", "currency": "INR",
                                      "at": "0001-01-01T00:00:00+14:00"}


def test_a_posting_never_takes_effect_before_the_wallets_latest_entry(api, db):
    """Even with a clock that stepped back (an entry stamped an hour ahead stands in for
    it), a posting's instant follows the wallet's latest entry, so the wallet's history
    keeps the order its balances were computed in."""
    owner = api.wallet()
    ahead = datetime.now(UTC) + timedelta(hours=1)
    with db.transaction():
        history.write(db, owner, [(ahead, [Decimal("3.00")])])
    api.topup(owner, "2.00", wait=10)
    (created_at, _, amount, after, _) = max(history.entries(db, owner))
    assert (amount, after) == (Decimal("2.00"), Decimal("5.00"))
    assert ahead < created_at <= ahead + timedelta(milliseconds=1)
