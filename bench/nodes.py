"""Step: two worker nodes (separate `celery worker` processes, distinct node names)
draining the same kind of queued sends as the one-node posting step of the same run,
reported as a ratio to it (docs/scaling.md). Both nodes are up before the queue
fills, so neither start-up is in the measured span."""
from __future__ import annotations

import psycopg

from bench import posting
from chaos.stack import Stack


def run(stack: Stack, conn: psycopg.Connection, wallets: list[tuple[str, str]], count: int,
        timeout_s: float, one_node: dict) -> dict:
    stack.start("worker")
    stack.set_worker_nodes(2)
    try:
        ids = posting.insert_sends(conn, wallets, count, seed=3)
        posting.publish(ids)
        result = posting.drain(conn, ids, timeout_s)
    finally:
        stack.set_worker_nodes(1)
        stack.kill("worker")
    result["nodes"] = 2
    result["ratio_to_one_node"] = (round(result["tps"] / one_node["tps"], 2)
                                   if one_node.get("tps") else None)
    return result
