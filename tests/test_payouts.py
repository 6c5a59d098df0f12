"""Bulk payouts (API.md section 15) on the real stack: items validated up front, each
posted alone in index order through the posting engine, failures per item, progress
and announcements, idempotency of the whole payout, ownership."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from checks.ledger import payout_violations, violations
from tests.support.api import PIN, Api
from tests.support.receiver import Receiver
from tests.support.waiting import eventually

pytestmark = pytest.mark.usefixtures("worker")


def pay(api, caller, items, *, key=None, pin=PIN, description="November salaries"):
    body = {"items": items, "pin": pin}
    if description is not None:
        body["description"] = description
    return api.post("/payouts", caller, json=body,
                    headers={"Idempotency-Key": key or uuid.uuid4().hex})


def item(recipient, amount: str, reference=None) -> dict:
    body = {"recipient_wallet_id": recipient.wallet_id if hasattr(recipient, "wallet_id")
            else recipient, "amount": amount}
    if reference is not None:
        body["reference"] = reference
    return body


def wait_payout(api, caller, payout_id: str, timeout_s: float = 60) -> dict:
    seen = []

    def finished() -> bool:
        seen.append(api.get(f"/payouts/{payout_id}", caller).json["data"])
        return seen[-1]["finished_at"] is not None

    eventually(finished, timeout_s)
    return seen[-1]


def all_items(api, caller, payout_id: str, **query) -> list[dict]:
    items, page = [], 1
    while True:
        data = api.get(f"/payouts/{payout_id}/items", caller,
                       query_string={"page": page, "per_page": 100, **query}).json["data"]
        items += data["items"]
        if page >= data["pages"]:
            return items
        page += 1


def test_a_payout_pays_in_index_order_and_an_item_the_balance_cannot_cover_fails_alone(api, db):
    payer = api.wallet(funds="100.00")
    asha, ravi, meera = api.wallet(), api.wallet(), api.wallet()
    response = pay(api, payer, [item(asha, "30.00", "salary-1"), item(ravi, "30.00"),
                                item(meera, "50.00", "salary-3"), item(asha, "40.00", "bonus-1")])
    assert response.status_code == 202, response.json
    accepted = response.json["data"]
    assert response.headers["Location"] == f"/api/v1/payouts/{accepted['payout_id']}"
    assert (accepted["status"], accepted["item_count"], accepted["total_amount"]) == (
        "queued", 4, "150.00")

    payout = wait_payout(api, payer, accepted["payout_id"])
    assert (payout["status"], payout["completed_count"], payout["failed_count"],
            payout["completed_amount"]) == ("partially_completed", 3, 1, "100.00")
    items = all_items(api, payer, accepted["payout_id"])
    assert [(i["index"], i["status"], i["error"] and i["error"]["error_code"]) for i in items] == [
        (0, "completed", None), (1, "completed", None), (2, "failed", "INSUFFICIENT_BALANCE"),
        (3, "completed", None)]
    assert items[0]["reference"] == "salary-1" and items[1]["reference"] is None
    assert items[2]["reference_id"] is None and all(
        i["reference_id"].startswith("VP-TXN-") for i in items if i["status"] == "completed")
    assert [api.balance(w) for w in (payer, asha, ravi, meera)] == ["0.00", "70.00", "30.00", "0.00"]
    assert violations(db) == [] and payout_violations(db) == []

    # The recipient sees it like a received send, with the payer's reference.
    [row] = [r for r in api.get("/transactions/history", asha).json["data"]["items"]
             if r["metadata"].get("reference") == "salary-1"]
    assert (row["type"], row["category"], row["counterparty_wallet_id"]) == (
        "credit", "transfer", payer.wallet_id)
    assert row["description"] == "November salaries"
    received = [n for n in api.get("/notifications", asha).json["data"]["items"]
                if n["type"] == "money_received"]
    assert len(received) == 2 and any("Reference: salary-1." in n["body"] for n in received)
    # The payer hears once, of the whole payout, and of no single item.
    notices = api.get("/notifications", payer).json["data"]["items"]
    assert [n["type"] for n in notices] == ["payout_finished"]
    assert "3 paid (100.00 INR), 1 failed" in notices[0]["body"]


def test_recipients_closed_or_frozen_by_an_admin_fail_their_items_and_the_rest_go_on(api, db):
    payer = api.wallet(funds="50.00")
    closed, frozen, self_frozen = api.wallet(), api.wallet(), api.wallet()
    assert api.call("DELETE", "/wallets/me", closed).status_code == 200
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = 'admin' WHERE id = %s",
               (frozen.wallet_id,))
    assert api.post("/wallets/freeze", self_frozen).status_code == 200
    # Accepted: a recipient's state may change before its item posts, so it is the
    # posting that decides, item by item.
    response = pay(api, payer, [item(closed, "1.00"), item(frozen, "2.00"), item(self_frozen, "3.00")])
    assert response.status_code == 202, response.json
    payout = wait_payout(api, payer, response.json["data"]["payout_id"])
    items = all_items(api, payer, payout["payout_id"])
    assert [i["error"]["error_code"] if i["error"] else None for i in items] == [
        "RECIPIENT_WALLET_INACTIVE", "RECIPIENT_WALLET_INACTIVE", None]
    assert (payout["status"], api.balance(payer)) == ("partially_completed", "47.00")


def test_a_payout_none_of_whose_items_can_post_fails(api, db):
    payer, ravi = api.wallet(), api.wallet()
    response = pay(api, payer, [item(ravi, "1.00"), item(ravi, "2.00", "second")])
    payout = wait_payout(api, payer, response.json["data"]["payout_id"])
    assert (payout["status"], payout["failed_count"], payout["completed_amount"]) == ("failed", 2, "0.00")


def test_the_same_key_and_body_return_the_same_payout_and_another_body_is_refused(api, db):
    payer, ravi = api.wallet(funds="20.00"), api.wallet()
    items = [item(ravi, "5.00", "a"), item(ravi, "5.00", "b")]
    first = pay(api, payer, items, key="payroll-11")
    wait_payout(api, payer, first.json["data"]["payout_id"])
    again = pay(api, payer, items, key="payroll-11")
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json["data"]["payout_id"] == first.json["data"]["payout_id"]
    assert again.json["data"]["status"] == "completed"  # as it is now
    changed = pay(api, payer, [item(ravi, "6.00", "a"), item(ravi, "5.00", "b")], key="payroll-11")
    assert (changed.status_code, changed.json["error_code"]) == (422, "IDEMPOTENCY_KEY_REUSED")
    assert api.balance(payer) == "10.00" and api.balance(ravi) == "10.00"
    assert db.execute("SELECT count(*) FROM operations WHERE user_id = %s AND type = 'payout_item'",
                      (payer.user_id,)).fetchone()[0] == 2


def test_concurrent_requests_with_one_key_make_one_payout_posted_once(app, db):
    api = Api(app.test_client(), db)
    payer, ravi = api.wallet(funds="50.00"), api.wallet()
    items = [item(ravi, "4.00", str(n)) for n in range(5)]

    def submit(_):
        return pay(Api(app.test_client(), db), payer, items, key="same-payroll")

    with ThreadPoolExecutor(10) as pool:
        responses = list(pool.map(submit, range(10)))
    assert sorted(r.status_code for r in responses).count(202) == 1
    assert {r.status_code for r in responses} <= {200, 202}
    [payout_id] = {r.json["data"]["payout_id"] for r in responses}
    wait_payout(api, payer, payout_id)
    assert api.balance(payer) == "30.00" and api.balance(ravi) == "20.00"
    assert db.execute("SELECT count(*) FROM payouts WHERE user_id = %s",
                      (payer.user_id,)).fetchone()[0] == 1


def test_invalid_items_are_refused_by_index_and_nothing_is_accepted(api, db):
    payer, ravi = api.wallet(funds="50.00"), api.wallet()
    euro = api.wallet()
    db.execute("UPDATE wallets SET currency = 'EUR' WHERE id = %s", (euro.wallet_id,))
    response = pay(api, payer, [
        item(ravi, "1.00"), item("VPY-000000", "1.00"), item(payer, "1.00"), item(euro, "1.00"),
        item(ravi, "2.00"), item(ravi, "2.00", "bonus"), item(ravi, "3.00", "bonus")],
        pin="0000")  # a wrong PIN too: the items are refused first, the PIN is not tried
    assert (response.status_code, response.json["error_code"]) == (422, "VALIDATION_ERROR")
    details = response.json["details"]["items"]
    assert sorted(details, key=int) == ["1", "2", "3", "4", "6"]
    assert details["1"]["recipient_wallet_id"] == ["No wallet has this id"]
    assert details["2"]["recipient_wallet_id"] == ["A payout cannot pay the payer's own wallet"]
    assert "another currency" in details["3"]["recipient_wallet_id"][0]
    assert details["4"]["reference"][0].startswith("Repeats item 0")
    assert details["6"]["reference"][0].startswith("Repeats item 5")
    malformed = pay(api, payer, [item(ravi, "1.00"), item(ravi, "0.00", "x"),
                                 {"recipient_wallet_id": "nope", "amount": 5}])
    assert malformed.status_code == 422
    assert sorted(malformed.json["details"]["items"]) == ["1", "2"]
    assert set(malformed.json["details"]["items"]["2"]) == {"recipient_wallet_id", "amount"}
    for empty in ([], None):
        assert pay(api, payer, empty).status_code == 422
    assert db.execute("SELECT count(*) FROM payouts WHERE user_id = %s",
                      (payer.user_id,)).fetchone()[0] == 0
    assert db.execute("SELECT failed_attempts FROM wallet_pins WHERE wallet_id = %s",
                      (payer.wallet_id,)).fetchone()[0] == 0


def test_more_items_than_payout_max_items_are_refused(app, db):
    from web.app import create_app

    api = Api(create_app({"payout_max_items": 5}).test_client(), db)
    payer, ravi = api.wallet(funds="10.00"), api.wallet()
    response = pay(api, payer, [item(ravi, "1.00", str(n)) for n in range(6)])
    assert (response.status_code, list(response.json["details"])) == (422, ["items"])
    assert pay(api, payer, [item(ravi, "1.00", str(n)) for n in range(5)]).status_code == 202


def test_a_thousand_items_fit_in_one_request(api, db):
    payer, ravi = api.wallet(funds="10.00"), api.wallet()
    long_reference = "\u00e9" * 140  # escaped as \u00e9 by the client: the longest body
    items = [item(ravi, "0.01", f"{n:04d}{long_reference}"[:140]) for n in range(1000)]
    response = pay(api, payer, items)
    assert response.status_code == 202, response.json
    assert response.json["data"]["item_count"] == 1000
    assert pay(api, payer, items + [item(ravi, "0.01")]).status_code == 422
    payout = wait_payout(api, payer, response.json["data"]["payout_id"], timeout_s=120)
    assert (payout["status"], api.balance(ravi)) == ("completed", "10.00")


def test_payouts_are_rate_limited_per_user(db):
    from web.app import create_app

    api = Api(create_app({"payout_rate_per_minute": 2}).test_client(), db)
    payer, ravi = api.wallet(funds="10.00"), api.wallet()
    codes = [pay(api, payer, [item(ravi, "1.00")]).status_code for _ in range(3)]
    assert codes == [202, 202, 429]


def test_one_pin_check_for_the_whole_payout_counted_like_a_send(api, db):
    payer, ravi = api.wallet(funds="10.00"), api.wallet()
    response = pay(api, payer, [item(ravi, "1.00", str(n)) for n in range(20)], pin="9999")
    assert (response.status_code, response.json["error_code"]) == (401, "INVALID_PIN")
    assert response.json["details"]["attempts_remaining"] == 2
    assert db.execute("SELECT count(*) FROM payouts WHERE user_id = %s",
                      (payer.user_id,)).fetchone()[0] == 0


@pytest.mark.parametrize("setup, status, code", [
    ("UPDATE wallets SET kyc_verified = false, kyc_tier = 0 WHERE id = %s", 403, "KYC_NOT_VERIFIED"),
    ("UPDATE wallets SET status = 'frozen', freeze_reason = 'self' WHERE id = %s", 403, "WALLET_FROZEN"),
])
def test_only_an_active_kyc_verified_wallet_may_pay_out(api, db, setup, status, code):
    payer, ravi = api.wallet(funds="10.00"), api.wallet()
    db.execute(setup, (payer.wallet_id,))
    response = pay(api, payer, [item(ravi, "1.00")])
    assert (response.status_code, response.json["error_code"]) == (status, code)


def test_a_payout_needs_an_idempotency_key(api):
    payer, ravi = api.wallet(funds="10.00"), api.wallet()
    response = api.post("/payouts", payer, json={"items": [item(ravi, "1.00")], "pin": PIN})
    assert (response.status_code, response.json["error_code"]) == (400, "IDEMPOTENCY_KEY_REQUIRED")


def test_another_users_payout_and_its_items_are_not_found(api, db):
    payer, ravi = api.wallet(funds="10.00"), api.wallet()
    payout_id = pay(api, payer, [item(ravi, "1.00")]).json["data"]["payout_id"]
    for path in (f"/payouts/{payout_id}", f"/payouts/{payout_id}/items", "/payouts/not-a-uuid",
                 f"/payouts/{uuid.uuid4()}/items"):
        response = api.get(path, ravi)
        assert (response.status_code, response.json["error_code"]) == (404, "PAYOUT_NOT_FOUND")
    assert api.get("/payouts", ravi).json["data"]["total"] == 0
    listed = api.get("/payouts", payer).json["data"]
    assert [p["payout_id"] for p in listed["items"]] == [payout_id]
    assert api.get("/payouts", payer, query_string={"status": "nonsense"}).status_code == 422


def test_items_can_be_listed_by_status(api, db):
    payer, ravi = api.wallet(funds="3.00"), api.wallet()
    payout_id = pay(api, payer, [item(ravi, "2.00", "a"), item(ravi, "2.00", "b"),
                                 item(ravi, "1.00", "c")]).json["data"]["payout_id"]
    wait_payout(api, payer, payout_id)
    assert [i["index"] for i in all_items(api, payer, payout_id, status="failed")] == [1]
    assert [i["index"] for i in all_items(api, payer, payout_id, status="completed")] == [0, 2]


def test_payout_items_count_against_the_send_limits_with_the_payers_sends(api, db):
    payer, ravi = api.wallet(funds="500.00"), api.wallet()
    assert api.post("/limits", payer, json={"action": "send_money",
                                            "daily_limit": "100.00"}).status_code == 201
    assert api.send(payer, ravi, "60.00", wait=10).json["data"]["status"] == "completed"
    payout_id = pay(api, payer, [item(ravi, "30.00", "a"), item(ravi, "20.00", "b"),
                                 item(ravi, "10.00", "c")]).json["data"]["payout_id"]
    wait_payout(api, payer, payout_id)
    assert [i["error"] and i["error"]["error_code"] for i in all_items(api, payer, payout_id)] == [
        None, "DAILY_LIMIT_EXCEEDED", None]
    [send_money] = [v for v in api.get("/limits", payer).json["data"] if v["action"] == "send_money"]
    assert send_money["used_today"] == "100.00"
    refused = api.send(payer, ravi, "1.00")
    assert (refused.status_code, refused.json["error_code"]) == (429, "DAILY_LIMIT_EXCEEDED")


def test_the_end_of_a_payout_is_one_signed_payout_finished_event(api, db):
    payer, ravi = api.wallet(funds="10.00"), api.wallet()
    with Receiver() as receiver:
        response = api.post("/webhooks", payer, json={
            "url": receiver.url("/payer"), "events": ["payout.finished", "operation.completed"]})
        assert response.status_code == 201, response.json
        receiver.secrets["/payer"] = response.json["data"]["secret"]
        payout_id = pay(api, payer, [item(ravi, "4.00", "a"), item(ravi, "7.00", "b")]
                        ).json["data"]["payout_id"]
        [delivered] = receiver.wait_accepted("/payer")
        wait_payout(api, payer, payout_id)
        assert delivered.signature_ok
        event = delivered.event
        assert event["type"] == "payout.finished"
        assert {k: event["data"][k] for k in ("payout_id", "status", "completed_count",
                                              "failed_count", "completed_amount")} == {
            "payout_id": payout_id, "status": "partially_completed", "completed_count": 1,
            "failed_count": 1, "completed_amount": "4.00"}
        eventually(lambda: db.execute(
            "SELECT count(*) FROM webhook_deliveries WHERE webhook_id = %s AND status <> 'delivered'",
            (response.json["data"]["webhook_id"],)).fetchone()[0] == 0, 20)
        assert len(receiver.at("/payer")) == 1  # no operation.completed per item


def test_progress_is_readable_while_a_payout_runs(api, db, database_url):
    import psycopg

    payer = api.wallet(funds="100.00")
    recipients = [api.wallet() for _ in range(3)]
    items = [item(recipients[n % 3], "0.10", str(n)) for n in range(300)]
    # Hold one late recipient's row: the posting stops at its batch, mid-payout.
    blocker = psycopg.connect(database_url.replace("+psycopg", ""))
    try:
        late = api.wallet()
        blocker.execute("SELECT 1 FROM wallets WHERE id = %s FOR NO KEY UPDATE", (late.wallet_id,))
        payout_id = pay(api, payer, items + [item(late, "0.10")]).json["data"]["payout_id"]
        eventually(lambda: api.get(f"/payouts/{payout_id}", payer).json["data"]["completed_count"] > 0, 30)
        running = api.get(f"/payouts/{payout_id}", payer).json["data"]
        assert running["status"] == "processing" and running["finished_at"] is None
        assert 0 < running["completed_count"] < 301
        assert payout_violations(db) == []  # the counters agree with the items meanwhile
    finally:
        blocker.rollback()
        blocker.close()
    payout = wait_payout(api, payer, payout_id)
    assert (payout["status"], payout["completed_count"], payout["completed_amount"]) == (
        "completed", 301, "30.10")


@pytest.mark.parametrize("raw, status", [
    ('{"items": [{"recipient_wallet_id": "VPY-AAAAAA", "amount": NaN}], "pin": "4826"}', 400),
    ('{"items": [{"recipient_wallet_id": "VPY-AAAAAA", "amount": "1.00", "amount": "9.00"}],'
     ' "pin": "4826"}', 400),
    ('{"items": [{"recipient_wallet_id": "VPY-AAAAAA", "amount": "1.00", "reference": "a\\u0000b"}],'
     ' "pin": "4826"}', 422),
    ('{"items": [{"recipient_wallet_id": "VPY-AAAAAA", "amount": "1.00", "reference": "\\ud800"}],'
     ' "pin": "4826"}', 422),
    ('{"items": [{"recipient_wallet_id": "VPY-AAAAAA", "amount": 1e400}], "pin": "4826"}', 400),
    ('{"items": {"0": {"recipient_wallet_id": "VPY-AAAAAA", "amount": "1.00"}}, "pin": "4826"}', 422),
    ('{"items": [[[[{"recipient_wallet_id": "VPY-AAAAAA"}]]]], "pin": "4826"}', 422),
    ('{"items": [{"recipient_wallet_id": "VPY-AAAAAA", "amount": "1.00", "extra": 1}],'
     ' "pin": "4826"}', 422),
])
def test_hostile_payout_bodies_are_client_errors_and_accept_nothing(api, db, raw, status):
    payer = api.wallet(funds="10.00")
    response = api.client.post("/api/v1/payouts", data=raw.encode("utf-8", "surrogatepass"),
                               content_type="application/json",
                               headers={**payer.headers, "Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.json["success"] is False
    assert db.execute("SELECT count(*) FROM payouts WHERE user_id = %s",
                      (payer.user_id,)).fetchone()[0] == 0


def test_payout_items_spend_only_the_available_balance_held_money_excluded(api, db):
    payer, merchant, ravi = api.wallet(funds="100.00"), api.wallet(), api.wallet()
    hold = api.post("/holds", payer, json={"payee_wallet_id": merchant.wallet_id, "amount": "80.00",
                                           "expires_in_s": 3600, "pin": PIN},
                    headers={"Idempotency-Key": uuid.uuid4().hex, "Prefer": "wait=10"})
    assert hold.json["data"]["status"] == "completed", hold.json
    payout_id = pay(api, payer, [item(ravi, "30.00", "a"), item(ravi, "20.00", "b")]
                    ).json["data"]["payout_id"]
    wait_payout(api, payer, payout_id)
    assert [i["error"] and i["error"]["error_code"] for i in all_items(api, payer, payout_id)] == [
        "INSUFFICIENT_BALANCE", None]
    balance = api.get("/wallets/balance", payer).json["data"]
    assert (balance["balance"], balance["available_balance"]) == ("80.00", "0.00")
    assert violations(db) == [] and payout_violations(db) == []
