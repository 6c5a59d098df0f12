"""The fault injector: every few seconds, one fault at random, against this run's own
processes (any of its worker nodes), its private Redis, its own RabbitMQ virtual host's
connections and its own database's PostgreSQL backends only."""
from __future__ import annotations

import os
import random
import signal
import threading
import time
from collections import Counter

from chaos.stack import WALLET_LOCK_TTL_MS, Stack

# A SIGSTOP outlasts the wallet-lock TTL: another job may take the lock meanwhile,
# and the database (row locks, constraints) must still keep the money right.
STOP_S = (WALLET_LOCK_TTL_MS / 1000 * 1.5, WALLET_LOCK_TTL_MS / 1000 * 2.5)

KINDS = ("kill_worker_child", "kill_worker", "stop_worker", "restart_redis",
         "terminate_pg_backends", "kill_api")
# On RabbitMQ: the broker drops every connection of this run (API, workers, beat).
RABBITMQ_KINDS = ("close_broker_connections",)


class Injector(threading.Thread):
    def __init__(self, stack: Stack, stop: threading.Event, interval_s: tuple[float, float],
                 log):
        super().__init__(daemon=True)
        self.stack, self.stop_event, self.interval_s, self.log = stack, stop, interval_s, log
        self.counts: Counter = Counter()
        self.errors: list[str] = []

    def run(self) -> None:
        upcoming: list[str] = []
        while not self.stop_event.wait(random.uniform(*self.interval_s)):
            # Every kind once per round, in random order: a short run still sees all.
            kinds = KINDS + (RABBITMQ_KINDS if self.stack.vhost else ())
            if not upcoming:
                upcoming = random.sample(kinds, len(kinds))
                # Even a short phase sees the broker fault and, with two nodes, a node
                # killed: those come first in a phase's first round (pop() takes the last).
                first = RABBITMQ_KINDS + (("kill_worker",) if len(self.stack.workers) > 1 else ())
                upcoming.sort(key=lambda k: (not self.counts) * (first.index(k) + 1 if k in first else 0))
            kind = upcoming.pop()
            try:
                detail = getattr(self, kind)()
                self.counts[kind] += 1
                self.log(f"fault {kind}: {detail}")
            except Exception as exc:  # an injector failure is reported, not fatal
                self.errors.append(f"{kind}: {exc!r}")
                self.log(f"fault {kind} failed: {exc!r}")
            self.heal()

    def heal(self) -> None:
        """Anything that died on its own (or was left down) is started again."""
        for name in ("redis", *self.stack.workers, "beat", "api"):
            if not self.stack.alive(name):
                self.counts[f"restarted_dead_{name}"] += 1
                self.stack.restart(name)

    # --- the faults ---------------------------------------------------------------------
    def kill_worker_child(self) -> str:
        node = random.choice(self.stack.workers)
        children = self.stack.children(node)
        if not children:
            return f"{node}: no pool child yet"
        victim = random.choice(children)
        signal_pid(victim, signal.SIGKILL)
        return f"SIGKILL {node} pool child {victim}"

    def kill_worker(self) -> str:
        node = random.choice(self.stack.workers)
        self.stack.restart(node, wait=random.random() < 0.5)
        return f"SIGKILL the whole {node}, restarted"

    def stop_worker(self) -> str:
        node = random.choice(self.stack.workers)
        seconds = random.uniform(*STOP_S)
        children = self.stack.children(node)
        if children and random.random() < 0.6:
            victim = random.choice(children)
            signal_pid(victim, signal.SIGSTOP)
            time.sleep(seconds)
            signal_pid(victim, signal.SIGCONT)
            return (f"SIGSTOP {node} pool child {victim} for {seconds:.1f}s"
                    f" (lock TTL {WALLET_LOCK_TTL_MS} ms)")
        self.stack.signal_group(node, signal.SIGSTOP)
        time.sleep(seconds)
        self.stack.signal_group(node, signal.SIGCONT)
        return f"SIGSTOP the whole {node} for {seconds:.1f}s"

    def close_broker_connections(self) -> str:
        closed = self.stack.close_broker_connections()
        return f"RabbitMQ closed {closed} connections of vhost {self.stack.vhost}"

    def restart_redis(self) -> str:
        self.stack.kill("redis")
        down = random.uniform(0, 1.5)
        time.sleep(down)
        self.stack.start("redis")
        return f"SIGKILL private redis (nothing persisted), down {down:.1f}s"

    def terminate_pg_backends(self) -> str:
        with self.stack.connect() as conn:
            killed = conn.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (self.stack.db_name,)).fetchone()[0]
        return f"pg_terminate_backend on {killed} backends of {self.stack.db_name}"

    def kill_api(self) -> str:
        workers = self.stack.children("api")
        if workers and random.random() < 0.5:
            victim = random.choice(workers)
            signal_pid(victim, signal.SIGKILL)
            return f"SIGKILL gunicorn worker {victim} (the master starts another)"
        self.stack.restart("api")
        return "SIGKILL gunicorn master and workers, restarted"


def signal_pid(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
