"""Step 1: the bare SQL transfer, no API and no queue.

Scratch tables with the shapes of the real ones (`CREATE TABLE .. (LIKE .. INCLUDING
ALL)`: same columns, defaults, checks and indexes), with the entry -> journal and
entry -> wallet foreign keys added back; journals.operation_id keeps its unique index
but not its foreign key (no operation rows are needed). Wallet rows are copied from the
bench's funded wallets. Per transfer: lock two wallet rows in id order, update two
balances, insert one journal and two entry rows, commit.
"""
from __future__ import annotations

import multiprocessing
import os
import random
import threading
import time
import uuid
from decimal import Decimal

import psycopg

SCRATCH = """
DROP TABLE IF EXISTS bench_entries, bench_journals, bench_wallets;
CREATE TABLE bench_wallets (LIKE wallets INCLUDING ALL);
CREATE TABLE bench_journals (LIKE journals INCLUDING ALL);
CREATE TABLE bench_entries (LIKE ledger_entries INCLUDING ALL);
ALTER TABLE bench_entries ADD FOREIGN KEY (journal_id) REFERENCES bench_journals (id),
                          ADD FOREIGN KEY (wallet_id) REFERENCES bench_wallets (id);
INSERT INTO bench_wallets SELECT * FROM wallets;
ANALYZE bench_wallets;
"""
AMOUNT = Decimal("1.00")


def _transfer(conn: psycopg.Connection, low: str, high: str, payer: str, payee: str) -> None:
    with conn.transaction():
        conn.execute("SELECT id, balance, status FROM bench_wallets WHERE id IN (%s, %s)"
                     " ORDER BY id FOR UPDATE", (low, high))
        after = {}
        for wallet_id, delta in sorted(((payer, -AMOUNT), (payee, AMOUNT))):
            after[wallet_id] = conn.execute(
                "UPDATE bench_wallets SET balance = balance + %s, updated_at = now()"
                " WHERE id = %s RETURNING balance", (delta, wallet_id)).fetchone()[0]
        journal_id = uuid.uuid4()
        conn.execute("INSERT INTO bench_journals (id, reference_id, operation_id, category,"
                     " currency, description, metadata) VALUES (%s, %s, %s, 'transfer', 'INR',"
                     " 'bench', '{}')", (journal_id, "VP-TXN-" + uuid.uuid4().hex[:12],
                                         uuid.uuid4()))
        conn.execute("INSERT INTO bench_entries (id, journal_id, wallet_id, counterparty_wallet_id,"
                     " amount, balance_after) VALUES (%s, %s, %s, %s, %s, %s),"
                     " (%s, %s, %s, %s, %s, %s)",
                     (uuid.uuid4(), journal_id, payer, payee, -AMOUNT, after[payer],
                      uuid.uuid4(), journal_id, payee, payer, AMOUNT, after[payee]))


def run(database_url: str, wallet_ids: list[str], clients: int, duration_s: float,
        processes: int | None = None) -> dict:
    """`clients` connections, spread over `processes` Python processes (default: two per
    core) so that the driver's GIL is not what bounds the bare database."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(SCRATCH)
    processes = max(1, min(clients, processes or 2 * (os.cpu_count() or 1)))
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    start_at = time.time() + 3  # every process connected and waiting by then
    workers = [ctx.Process(target=_process, args=(database_url, wallet_ids, share, sum(shares[:i]),
                                                  start_at, duration_s, results))
               for i, share in enumerate(shares)]
    for worker in workers:
        worker.start()
    counts, latencies, errors = 0, [], []
    for _ in workers:
        count, own_latencies, own_errors = results.get(timeout=duration_s + 60)
        counts += count
        latencies.extend(own_latencies)
        errors.extend(own_errors)
    for worker in workers:
        worker.join(timeout=30)
    with psycopg.connect(database_url, autocommit=True) as conn:
        unbalanced = conn.execute("SELECT count(*) FROM (SELECT journal_id FROM bench_entries"
                                  " GROUP BY journal_id HAVING sum(amount) <> 0) u").fetchone()[0]
        conn.execute("DROP TABLE bench_entries, bench_journals, bench_wallets")
    return {"clients": clients, "processes": processes, "duration_s": round(duration_s, 2),
            "transfers": counts, "tps": counts / duration_s, "latency_ms": percentiles(sorted(latencies)),
            "errors": errors[:5], "unbalanced_journals": unbalanced}


def _process(database_url: str, wallet_ids: list[str], threads: int, first_index: int,
             start_at: float, duration_s: float, results) -> None:
    counts = [0] * threads
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors: list[str] = []
    stop_at = start_at + duration_s

    def client(index: int) -> None:
        rng = random.Random(first_index + index)
        try:
            with psycopg.connect(database_url, autocommit=True) as conn:
                time.sleep(max(0.0, start_at - time.time()))
                while time.time() < stop_at:
                    payer, payee = rng.sample(wallet_ids, 2)
                    low, high = sorted((payer, payee))
                    began = time.perf_counter()
                    _transfer(conn, low, high, payer, payee)
                    latencies[index].append(time.perf_counter() - began)
                    counts[index] += 1
        except Exception as exc:  # reported in the result
            errors.append(repr(exc))

    pool = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=duration_s + 60)
    results.put((sum(counts), [x for per in latencies for x in per], errors))


def percentiles(sorted_seconds: list[float]) -> dict:
    if not sorted_seconds:
        return {}
    def at(q: float) -> float:
        return round(1000 * sorted_seconds[min(len(sorted_seconds) - 1, int(q * len(sorted_seconds)))], 2)
    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": at(1.0)}
