"""Step: bulk payouts (API.md section 15). PAYOUTS payouts of ITEMS items each, from as
many payers (accounts made like the HTTP clients', bench/accounts.py) to the bench's
funded wallets, amounts 1.00-5.00, are submitted through the API (POST /payouts, the
PIN and an Idempotency-Key) while no worker runs; then the worker starts and posts
their items under the full rules, each item its own posting of the one engine.
Throughput = posted items / (last `finished_at` - first), as in the posting steps,
reported as a ratio to the baseline's transfers/s (`payout_ratio`, target >= 1.0). The
submits are timed too: what the API spends to validate and queue 1,000 items."""
from __future__ import annotations

import json
import random
import time
import urllib.request
import uuid

import psycopg

from bench import accounts, posting, setup

PAYOUTS, ITEMS = 10, 1000


def run(stack, conn: psycopg.Connection, recipients: list[tuple[str, str]], timeout_s: float,
        log) -> dict:
    if stack.alive("worker"):
        stack.kill("worker")  # the items are posted by a worker started with all queued
    if not stack.alive("api"):
        stack.start("api")
    payers = accounts.create(conn, stack.base_url, PAYOUTS, prefix="P")
    rng = random.Random(5)
    payout_ids, submit_ms = [], []
    for number, payer in enumerate(payers):
        chosen = rng.sample([wallet_id for wallet_id, _ in recipients], ITEMS)
        items = [{"recipient_wallet_id": wallet_id, "amount": f"{rng.randint(100, 500) / 100:.2f}",
                  "reference": f"bench-{number}-{index}"} for index, wallet_id in enumerate(chosen)]
        began = time.perf_counter()
        payout_ids.append(_submit(stack.base_url, payer, items)["payout_id"])
        submit_ms.append((time.perf_counter() - began) * 1000)
    item_ids = [row[0] for row in conn.execute(
        "SELECT id::text FROM operations WHERE payout_id = ANY(%s::uuid[])", (payout_ids,)).fetchall()]
    conn.commit()
    log(f"payouts: {PAYOUTS} x {ITEMS} items queued through the API"
        f" ({sum(submit_ms) / len(submit_ms):.0f} ms per submit); starting the worker")
    setup.analyse_like_autovacuum(conn)
    stack.start("worker")
    result = posting.drain(conn, item_ids, timeout_s)
    statuses = dict(conn.execute(
        "SELECT status, count(*) FROM payouts WHERE id = ANY(%s::uuid[]) GROUP BY status",
        (payout_ids,)).fetchall())
    conn.commit()
    return {**result, "payouts": PAYOUTS, "items_per_payout": ITEMS,
            "payout_statuses": statuses, "submit_ms": [round(ms, 1) for ms in submit_ms]}


def _submit(base_url: str, payer: accounts.Account, items: list[dict]) -> dict:
    body = json.dumps({"items": items, "description": "bench payout", "pin": accounts.PIN})
    request = urllib.request.Request(
        base_url + "/api/v1/payouts", body.encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {payer.token}",
                 "Idempotency-Key": uuid.uuid4().hex})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["data"]
