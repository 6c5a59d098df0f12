"""The batched posting path: operations queued together are posted in one database
transaction, in acceptance order against running balances and limit usage; a refused
operation fails alone; a busy wallet holds back only its own operations; posting jobs
are coalesced; and an operation claimed by a worker that died is posted again."""
from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest

import settings
from checks.ledger import violations, wait_all_finished
from db import redis as vp_redis
from db.redis import key
from tests.support import operations
from workers import doorbell, posting

pytestmark = pytest.mark.usefixtures("worker")


def queue_together(db, *sends) -> list[str]:
    """Accepted sends made visible to the worker at one instant (one transaction), in
    this order of acceptance; then one posting job, as the API would publish."""
    ids = []
    with db.transaction():
        for sender, recipient, amount in sends:
            operation_id = operations.insert_accepted(db, sender, "send", amount,
                                                      recipient_wallet_id=recipient.wallet_id)
            # now() is one instant per transaction; acceptance order needs distinct times.
            db.execute("UPDATE operations SET created_at = clock_timestamp() WHERE id = %s",
                       (operation_id,))
            ids.append(operation_id)
    operations.publish("send", ids[0])
    return ids


def outcomes(db, ids: list[str]) -> list[tuple[str, str | None]]:
    wait_all_finished(db, ids, timeout_s=30)
    rows = dict(db.execute("SELECT id::text, (status, error_code) FROM operations"
                           " WHERE id::text = ANY(%s)", (ids,)).fetchall())
    return [tuple(rows[i]) for i in ids]


def transactions_used(db, ids: list[str]) -> int:
    # finished_at is the posting transaction's now(): one value means one transaction.
    return db.execute("SELECT count(DISTINCT finished_at) FROM operations WHERE id::text = ANY(%s)",
                      (ids,)).fetchone()[0]


def test_an_overdraft_fails_alone_and_its_batch_mates_post_against_running_balances(api, db):
    alice, bob, carol = api.wallet(funds="10.00"), api.wallet(), api.wallet(funds="5.00")
    ids = queue_together(
        db,
        (alice, bob, "6.00"),    # alice 4.00 left
        (alice, carol, "6.00"),  # overdraft: fails, moves nothing
        (bob, carol, "5.00"),    # bob only has what the first send gave him
        (carol, alice, "9.00"),  # carol 10.00 after the previous one
    )
    assert outcomes(db, ids) == [("completed", None), ("failed", "INSUFFICIENT_BALANCE"),
                                 ("completed", None), ("completed", None)]
    assert transactions_used(db, ids) == 1
    assert [api.balance(w) for w in (alice, bob, carol)] == ["13.00", "1.00", "1.00"]
    bob_after = db.execute(
        "SELECT e.balance_after FROM ledger_entries e JOIN journals j ON j.id = e.journal_id"
        " JOIN operations o ON o.id = j.operation_id WHERE e.wallet_id = %s"
        " ORDER BY o.created_at", (bob.wallet_id,)).fetchall()
    assert [row[0] for row in bob_after] == [Decimal("6.00"), Decimal("1.00")]
    failed = api.get(f"/operations/{ids[1]}", alice).json["data"]
    assert failed["status"] == "failed" and failed["result"] is None
    notices = db.execute("SELECT type FROM notifications WHERE user_id = %s ORDER BY created_at",
                         (carol.user_id,)).fetchall()
    assert [n[0] for n in notices].count("money_received") == 1  # from bob; alice's failed
    assert violations(db) == []


def test_a_daily_limit_counts_the_earlier_operations_of_the_same_batch(api, db):
    alice, bob = api.wallet(funds="100.00"), api.wallet()
    # A tier of its own, so the setting cannot disturb any other test.
    db.execute("UPDATE wallets SET kyc_tier = 8 WHERE id = %s", (alice.wallet_id,))
    value = {"per_transaction_limit": "40.00", "daily_limit": "50.00", "monthly_limit": "500.00"}
    db.execute("INSERT INTO system_settings (key, value) VALUES ('limits.tier8.send_money', %s)",
               (json.dumps(value),))
    try:
        ids = queue_together(db, (alice, bob, "30.00"), (alice, bob, "30.00"),
                             (alice, bob, "20.00"), (alice, bob, "40.01"))
        assert outcomes(db, ids) == [
            ("completed", None), ("failed", "DAILY_LIMIT_EXCEEDED"), ("completed", None),
            ("failed", "PER_TRANSACTION_LIMIT_EXCEEDED")]
    finally:
        db.execute("DELETE FROM system_settings WHERE key = 'limits.tier8.send_money'")
    assert (api.balance(alice), api.balance(bob)) == ("50.00", "50.00")
    assert violations(db) == []


def test_a_busy_wallet_holds_back_only_its_own_operations_and_keeps_their_order(api, db):
    alice, bob, carol, dave = (api.wallet(funds="10.00"), api.wallet(), api.wallet(funds="10.00"),
                               api.wallet())
    s = settings.load()
    r = vp_redis.client(s.redis_url)
    lock = key("lock", "wallet", bob.wallet_id)
    r.set(lock, "another-job", px=20_000)  # as if another worker were posting to bob
    try:
        ids = queue_together(db, (alice, bob, "4.00"), (carol, dave, "3.00"),
                             (alice, dave, "1.00"))
        assert outcomes(db, [ids[1]]) == [("completed", None)]
        time.sleep(0.5)
        statuses = dict(db.execute("SELECT id::text, status FROM operations WHERE id::text = ANY(%s)",
                                   (ids,)).fetchall())
        # alice -> dave waits behind alice -> bob: alice's postings keep their order.
        assert statuses[ids[0]] in ("queued", "processing")
        assert statuses[ids[2]] in ("queued", "processing")
    finally:
        r.delete(lock)
    assert outcomes(db, ids) == [("completed", None)] * 3
    first, third = db.execute(
        "SELECT finished_at FROM operations WHERE id::text = ANY(%s) ORDER BY created_at",
        ([ids[0], ids[2]],)).fetchall()
    assert first[0] <= third[0]
    assert [api.balance(w) for w in (alice, bob, carol, dave)] == ["5.00", "4.00", "7.00", "4.00"]
    deliveries = db.execute("SELECT deliveries FROM operations WHERE id::text = %s",
                            (ids[0],)).fetchone()[0]
    assert deliveries == 1  # waiting for a wallet is not a failed delivery
    assert violations(db) == []


def test_a_payer_another_worker_holds_is_passed_over_and_later_payers_post_meanwhile(api, db):
    """A long run of one payer's operations (a bulk payout) must not keep the queue
    behind it waiting: the claim passes over a wallet another worker is posting."""
    busy, payee, other = api.wallet(funds="500.00"), api.wallet(), api.wallet(funds="10.00")
    s = settings.load()
    r = vp_redis.client(s.redis_url)
    lock = key("lock", "wallet", busy.wallet_id)
    r.set(lock, "another-job", px=20_000)  # as if another worker were posting busy's run
    try:
        held = queue_together(db, *[(busy, payee, "1.00")] * (s.posting_batch_size + 20))
        later = queue_together(db, (other, payee, "2.00"), (other, payee, "3.00"))
        assert outcomes(db, later) == [("completed", None)] * 2
        assert db.execute("SELECT count(*) FROM operations WHERE id::text = ANY(%s)"
                          " AND status IN ('completed', 'failed')", (held,)).fetchone()[0] == 0
    finally:
        r.delete(lock)
    assert set(outcomes(db, held)) == {("completed", None)}
    assert api.balance(payee) == f"{s.posting_batch_size + 25}.00"
    assert violations(db) == []


def test_a_drain_posts_the_operations_it_passed_over_once_their_wallet_is_free(api, db):
    """Passing over a wallet another worker is posting never strands its operations:
    the drain comes back to them when nothing else is left, and posts them as soon as
    the lock is free, instead of ending and leaving them to the sweeper."""
    busy, payee = api.wallet(funds="50.00"), api.wallet()
    s = settings.load()
    r = vp_redis.client(s.redis_url)
    r.set(key("lock", "wallet", busy.wallet_id), "another-job", px=1000)
    ids = [operations.insert_accepted(db, busy, "send", "1.00", recipient_wallet_id=payee.wallet_id)
           for _ in range(5)]  # committed, no job published: only this drain posts them
    assert posting.drain(s, r) == 5
    assert db.execute("SELECT count(*) FROM operations WHERE id::text = ANY(%s)"
                      " AND status = 'completed'", (ids,)).fetchone()[0] == 5
    assert api.balance(payee) == "5.00"


def test_a_burst_of_operations_rings_for_one_posting_job_while_one_is_waiting():
    sent = []
    r = vp_redis.client(settings.load().redis_url)
    doorbell.answer(r)
    try:
        rang = [doorbell.ring(lambda: sent.append(1)) for _ in range(20)]
        assert rang == [True] + [False] * 19 and len(sent) == 1
        doorbell.answer(r)  # a posting job started: the next operation needs a job again
        assert doorbell.ring(lambda: sent.append(1)) is True and len(sent) == 2
    finally:
        doorbell.answer(r)


def test_a_failed_publish_leaves_the_doorbell_free_for_the_next_operation():
    r = vp_redis.client(settings.load().redis_url)
    doorbell.answer(r)

    def broker_down():
        raise ConnectionError("broker unreachable")

    with pytest.raises(ConnectionError):
        doorbell.ring(broker_down)
    sent = []
    assert doorbell.ring(lambda: sent.append(1)) is True and sent == [1]
    doorbell.answer(r)


def test_an_operation_claimed_by_a_worker_that_died_is_put_back_and_posted_once(api, db):
    alice = api.wallet()
    operation_id = operations.insert_accepted(db, alice, "topup", "5.00", payment_method="upi")
    # Claimed long ago by a worker that never finished (killed with its transaction).
    db.execute("UPDATE operations SET status = 'processing', deliveries = 1,"
               " updated_at = now() - interval '1 minute' WHERE id = %s", (operation_id,))
    assert outcomes(db, [operation_id]) == [("completed", None)]
    row = db.execute("SELECT deliveries, (SELECT count(*) FROM journals WHERE operation_id = %s)"
                     " FROM operations WHERE id = %s", (operation_id, operation_id)).fetchone()
    assert row == (2, 1)  # the second delivery, posted alone; one journal
    assert api.balance(alice) == "5.00"


def test_many_senders_in_a_burst_post_exactly_once_each(api, db):
    wallets = [api.wallet(funds="20.00") for _ in range(6)]
    sends = [(wallets[i % 6], wallets[(i + 1) % 6], "1.00") for i in range(60)]
    ids = queue_together(db, *sends)
    for operation_id in ids[::7]:
        operations.publish("send", operation_id, times=2)  # duplicates of the job
    assert outcomes(db, ids) == [("completed", None)] * 60
    journals = db.execute("SELECT count(*) FROM journals WHERE operation_id::text = ANY(%s)",
                          (ids,)).fetchone()[0]
    assert journals == 60
    assert [api.balance(w) for w in wallets] == ["20.00"] * 6  # each sent 10, received 10
    assert violations(db) == []


def test_a_batch_the_database_refuses_is_retried_one_by_one_and_only_the_culprit_fails(api, db):
    alice, bob, carol = api.wallet(funds="10.00"), api.wallet(), api.wallet(funds="10.00")
    # A rule the batch does not know about: the database refuses one journal.
    db.execute("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$"
               " BEGIN IF NEW.description = 'poison' THEN RAISE EXCEPTION 'refused';"
               " END IF; RETURN NEW; END $$")
    db.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON journals"
               " FOR EACH ROW EXECUTE FUNCTION refuse_poison()")
    try:
        ids = []
        with db.transaction():
            for sender, recipient, description in ((alice, bob, "rent"), (carol, bob, "poison"),
                                                   (bob, alice, "back")):
                operation_id = operations.insert_accepted(
                    db, sender, "send", "1.00", recipient_wallet_id=recipient.wallet_id,
                    description=description)
                db.execute("UPDATE operations SET created_at = clock_timestamp() WHERE id = %s",
                           (operation_id,))
                ids.append(operation_id)
        operations.publish("send", ids[0])
        assert outcomes(db, ids) == [("completed", None), ("failed", "POSTING_FAILED"),
                                     ("completed", None)]
    finally:
        db.execute("DROP TRIGGER refuse_poison ON journals")
        db.execute("DROP FUNCTION refuse_poison()")
    deliveries = db.execute("SELECT deliveries FROM operations WHERE id = %s", (ids[1],)).fetchone()[0]
    assert deliveries == 6  # tried alone until MAX_POSTING_DELIVERIES, then dead-lettered
    assert [api.balance(w) for w in (alice, bob, carol)] == ["10.00", "0.00", "10.00"]
    assert violations(db) == []
