"""Two worker nodes (separate `celery worker` processes, distinct node names) draining
one queue, each killed once while the queue is full: every accepted operation is
posted exactly once, each wallet's operations complete in acceptance order, and
nothing deadlocks."""
from __future__ import annotations

import os
import random
import time
from contextlib import contextmanager
from decimal import Decimal

import psycopg
import pytest

from checks.ledger import violations, wait_all_finished
from tests.conftest import ROOT
from tests.support import operations
from tests.support.worker import CeleryWorker

# Small batches keep both nodes busy for long enough to be killed mid-queue.
NODE_ENV = {"POSTING_BATCH_SIZE": "8"}


@pytest.fixture()
def two_nodes(worker, tmp_path):
    """The session worker swapped, for one test, for two nodes on its queue."""
    worker.kill()
    env = {**os.environ, **NODE_ENV}
    nodes = [CeleryWorker(ROOT, tmp_path / name, env, node=name) for name in ("node-a", "node-b")]
    try:
        for node in nodes:
            node.log_dir.mkdir()
            node.start()
        yield nodes
    finally:
        for node in nodes:
            node.stop()
        worker.start()


def accept_in_order(db, plan: list[tuple]) -> list[str]:
    """Operations as the API accepts them, committed at once with distinct acceptance
    times in `plan` order (as a burst of requests would leave them)."""
    ids = []
    with db.transaction():
        for owner, kind, amount, payload in plan:
            operation_id = operations.insert_accepted(db, owner, kind, amount, **payload)
            db.execute("UPDATE operations SET created_at = clock_timestamp() WHERE id = %s",
                       (operation_id,))
            ids.append(operation_id)
    return ids


def completion_order(db, wallet_id: str, debits: bool, ids: list[str]) -> list[str]:
    """The wallet's own operations among `ids` in the order they were posted. A wallet
    that only pays out (or only receives) moves one way, so its balance after each
    entry orders its postings exactly."""
    direction = "DESC" if debits else "ASC"
    return [row[0] for row in db.execute(
        "SELECT o.id::text FROM ledger_entries e JOIN journals j ON j.id = e.journal_id"
        " JOIN operations o ON o.id = j.operation_id"
        " WHERE e.wallet_id = %s AND o.wallet_id = %s AND o.id::text = ANY(%s)"
        f" ORDER BY e.balance_after {direction}", (wallet_id, wallet_id, ids)).fetchall()]


def finished_count(db, ids: list[str]) -> int:
    return db.execute("SELECT count(*) FROM operations WHERE id::text = ANY(%s)"
                      " AND status IN ('completed', 'failed')", (ids,)).fetchone()[0]


def kill_when(db, ids: list[str], share: float, node: CeleryWorker) -> int:
    """SIGKILL `node` once `share` of the operations finished; returns how many were
    still unfinished at that moment."""
    deadline = time.monotonic() + 60
    while finished_count(db, ids) < share * len(ids) and time.monotonic() < deadline:
        time.sleep(0.05)
    node.kill()
    return len(ids) - finished_count(db, ids)


@contextmanager
def wallet_row_held(database_url: str, wallet_id: str):
    """The wallet's row locked by another transaction: no posting that moves it can
    finish until the block ends."""
    with psycopg.connect(database_url.replace("+psycopg", "")) as holder:
        holder.execute("SELECT 1 FROM wallets WHERE id = %s FOR UPDATE", (wallet_id,))
        yield
        holder.rollback()


@pytest.mark.timeout(240)
def test_two_nodes_killed_in_turn_post_everything_once_in_each_wallets_order(
        api, db, database_url, two_nodes):
    payers = [api.wallet(funds="5000.00") for _ in range(4)]
    payees = [api.wallet() for _ in range(4)]
    savers = [api.wallet() for _ in range(4)]
    last = api.wallet(funds="5000.00")
    plan = []
    for i in range(540):
        amount = f"{random.randint(100, 900) / 100:.2f}"
        if i % 3 == 2:
            plan.append((random.choice(savers), "topup", amount, {"payment_method": "upi"}))
        elif i % 3 == 1:
            plan.append((random.choice(payers), "withdraw", amount,
                         {"bank_account": "XXXXXXXX1234", "ifsc": "SBIN0000001"}))
        else:
            plan.append((random.choice(payers), "send", amount,
                         {"recipient_wallet_id": random.choice(payees).wallet_id}))
    # The last 60 pay from one wallet whose row the test holds until both kills are
    # done: posting at full speed can never finish the queue before a kill lands.
    plan += [(last, "send", f"{random.randint(100, 900) / 100:.2f}",
              {"recipient_wallet_id": random.choice(payees).wallet_id}) for _ in range(60)]
    ids = accept_in_order(db, plan)

    node_a, node_b = two_nodes
    with wallet_row_held(database_url, last.wallet_id):
        operations.publish("send", ids[0])
        unfinished_at_kills = [kill_when(db, ids, 0.15, node_a)]
        node_a.start()
        unfinished_at_kills.append(kill_when(db, ids, 0.55, node_b))
        node_b.start()
    statuses = wait_all_finished(db, ids, timeout_s=150)

    assert all(count > 0 for count in unfinished_at_kills), unfinished_at_kills
    assert sorted(set(statuses.values())) == ["completed"]
    assert db.execute("SELECT count(*), count(DISTINCT operation_id) FROM journals"
                      " WHERE operation_id::text = ANY(%s)", (ids,)).fetchone() == (600, 600)
    assert violations(db) == []
    for wallets, debits in ((payers + [last], True), (savers, False)):
        for wallet in wallets:
            accepted = [i for i, (owner, *_) in zip(ids, plan, strict=True) if owner is wallet]
            assert completion_order(db, wallet.wallet_id, debits, ids) == accepted
    paid_out = sum(Decimal(amount) for owner, _, amount, _ in plan if owner in [*payers, last])
    assert sum(Decimal(api.balance(p)) for p in [*payers, last]) == Decimal("25000.00") - paid_out
    logs = [node.logs() for node in two_nodes]
    assert all(" finished status=completed" in text for text in logs)  # both posted
    assert not any("deadlock detected" in text for text in logs)
