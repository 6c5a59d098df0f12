"""Steps 2 and 3: the worker path alone. N accepted send operations are written straight
into `operations` (as the API would have accepted them) and published to the private
Redis while no worker runs; then the worker of `make up` (prefork, default concurrency
= cores) starts and drains them under the full rules. Throughput is posted operations
over the span from the first to the last `finished_at` of a finished operation."""
from __future__ import annotations

import json
import random
import time
import uuid

import psycopg

from bench import setup


def insert_sends(conn: psycopg.Connection, wallets: list[tuple[str, str]], count: int,
                 hot_wallet: str | None = None, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    rows, ids = [], []
    for i in range(count):
        payer = rng.choice(wallets)
        if hot_wallet is not None and i % 2 == 0:
            payee = hot_wallet
            while payer[0] == hot_wallet:
                payer = rng.choice(wallets)
        else:
            payee = payer[0]
            while payee == payer[0]:
                payee = rng.choice(wallets)[0]
        amount = f"{rng.randint(100, 500) / 100:.2f}"
        op_id = str(uuid.uuid4())
        ids.append(op_id)
        rows.append((op_id, payer[1], payer[0], "send", amount, "INR", uuid.uuid4().hex, "x",
                     json.dumps({"recipient_wallet_id": payee, "description": "bench"})))
    with conn.cursor() as cur, cur.copy(
            "COPY operations (id, user_id, wallet_id, type, amount, currency, idempotency_key,"
            " request_fingerprint, payload) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    conn.commit()
    setup.analyse_like_autovacuum(conn)
    return ids


def publish(ids: list[str]) -> None:
    from workers import outbox
    from workers.app import POSTING_TASKS

    for op_id in ids:
        outbox.publish(POSTING_TASKS["send"], [op_id])


def drain(conn: psycopg.Connection, ids: list[str], timeout_s: float) -> dict:
    """Wait until every operation is final or the time box ends; measure."""
    began = time.monotonic()
    while True:
        unfinished = conn.execute("SELECT count(*) FROM operations WHERE id = ANY(%s::uuid[])"
                                  " AND status NOT IN ('completed', 'failed')", (ids,)).fetchone()[0]
        if unfinished == 0 or time.monotonic() - began > timeout_s:
            break
        time.sleep(0.25)
    completed, failed, first, last = conn.execute(
        "SELECT count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),"
        " min(finished_at), max(finished_at) FROM operations WHERE id = ANY(%s::uuid[])"
        " AND status IN ('completed', 'failed')", (ids,)).fetchone()
    errors = conn.execute("SELECT error_code, count(*) FROM operations WHERE id = ANY(%s::uuid[])"
                          " AND status = 'failed' GROUP BY 1", (ids,)).fetchall()
    span = (last - first).total_seconds() if first and last else 0.0
    return {"operations": len(ids), "completed": completed, "failed": failed,
            "unfinished": unfinished, "span_s": round(span, 3),
            "tps": (completed + failed) / span if span > 0 else 0.0,
            "completed_tps": completed / span if span > 0 else 0.0,
            "failures": {code: n for code, n in errors}, "timed_out": unfinished > 0}
