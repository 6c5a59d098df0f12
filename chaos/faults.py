"""The fault injector: every few seconds, one fault at random, against this run's own
processes, its private Redis and its own database's PostgreSQL backends only."""
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
            upcoming = upcoming or random.sample(KINDS, len(KINDS))
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
        for name in ("redis", "worker", "beat", "api"):
            if not self.stack.alive(name):
                self.counts[f"restarted_dead_{name}"] += 1
                self.stack.restart(name)

    # --- the faults ---------------------------------------------------------------------
    def kill_worker_child(self) -> str:
        children = self.stack.children("worker")
        if not children:
            return "no pool child yet"
        victim = random.choice(children)
        signal_pid(victim, signal.SIGKILL)
        return f"SIGKILL pool child {victim}"

    def kill_worker(self) -> str:
        self.stack.restart("worker", wait=random.random() < 0.5)
        return "SIGKILL the whole worker, restarted"

    def stop_worker(self) -> str:
        seconds = random.uniform(*STOP_S)
        children = self.stack.children("worker")
        if children and random.random() < 0.6:
            victim = random.choice(children)
            signal_pid(victim, signal.SIGSTOP)
            time.sleep(seconds)
            signal_pid(victim, signal.SIGCONT)
            return f"SIGSTOP pool child {victim} for {seconds:.1f}s (lock TTL {WALLET_LOCK_TTL_MS} ms)"
        self.stack.signal_group("worker", signal.SIGSTOP)
        time.sleep(seconds)
        self.stack.signal_group("worker", signal.SIGCONT)
        return f"SIGSTOP the whole worker for {seconds:.1f}s"

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
