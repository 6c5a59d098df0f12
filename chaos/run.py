"""`make chaos`: drive the real API with concurrent clients while faults are injected,
then check that money was conserved and every accepted operation finished.

    .venv/bin/python -m chaos.run                    # about 3 minutes, both phases
    .venv/bin/python -m chaos.run --duration 600     # longer
    .venv/bin/python -m chaos.run --duration 50      # the short CI run
    .venv/bin/python -m chaos.run --broker rabbitmq  # RabbitMQ as the broker
    .venv/bin/python -m chaos.run --pooler pgbouncer # through PgBouncer

Phase 1 runs with the Redis wallet locks on, phase 2 with WALLET_LOCKS_ENABLED=0 (the
database alone must keep the money right), phase 3 with two worker nodes on the queue
(locks on), either of which the faults kill. Exit status 0 only when no violation was
found; the last lines printed are the summary.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import threading
import time
from collections import Counter

from chaos import checks
from chaos.faults import Injector
from chaos.load import INITIAL_FUNDS, Client, Ledger, SnapshotReader, create_accounts
from chaos.stack import ROOT, Stack

STARTED = time.monotonic()


def say(text: str) -> None:
    print(f"[chaos {time.monotonic() - STARTED:6.1f}s] {text}", flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=180,
                        help="whole run, seconds (default 180); load takes about 4/5 of it")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--wallets", type=int, default=24)
    parser.add_argument("--fault-interval", type=float, nargs=2, default=(2.0, 5.0),
                        metavar=("MIN", "MAX"), help="seconds between faults (default 2 5)")
    parser.add_argument("--kill-after-commit", type=float, default=0.01,
                        help="probability that an API process dies between commit and enqueue")
    parser.add_argument("--settle-timeout", type=float, default=60,
                        help="seconds allowed, after the faults stop, for everything to finish")
    parser.add_argument("--no-unlocked-phase", action="store_true",
                        help="skip phase 2 (WALLET_LOCKS_ENABLED=0)")
    parser.add_argument("--no-two-node-phase", action="store_true",
                        help="skip phase 3 (two worker nodes)")
    parser.add_argument("--broker", choices=("redis", "rabbitmq"), default="redis",
                        help="the Celery broker: a private Redis, or a RabbitMQ vhost of its own")
    parser.add_argument("--pooler", choices=("none", "pgbouncer"), default="none",
                        help="reach PostgreSQL through a private PgBouncer (transaction pooling)")
    return parser.parse_args(argv)


class Phase:
    def __init__(self, name: str, locks: bool, load_s: float, nodes: int = 1):
        self.name, self.locks, self.load_s, self.nodes = name, locks, load_s, nodes
        self.ledger = Ledger()
        self.faults: Counter = Counter()
        self.injector_errors: list[str] = []
        self.snapshots = 0
        self.snapshot_read_errors = 0
        self.violations: list[str] = []
        self.figures: dict = {}


def run_phase(stack: Stack, accounts, phase: Phase, args, earlier: list[Phase]) -> None:
    if stack.locks_enabled != phase.locks:
        stack.locks_enabled = phase.locks
        for node in stack.workers:
            stack.restart(node)
    stack.set_worker_nodes(phase.nodes)
    say(f"phase {phase.name}: WALLET_LOCKS_ENABLED={int(phase.locks)}, {phase.nodes} worker"
        f" node(s), broker {stack.broker}, {args.clients} clients,"
        f" {len(accounts)} wallets, {phase.load_s:.0f}s of load with faults")
    stop_load, stop_faults = threading.Event(), threading.Event()
    reader = SnapshotReader(stack, phase.ledger, stop_load)
    reader.start()
    if not earlier:
        _fund(stack, accounts, phase.ledger)
    clients = [Client(stack, accounts, phase.ledger, stop_load) for _ in range(args.clients)]
    injector = Injector(stack, stop_faults, tuple(args.fault_interval), say)
    for thread in (*clients, injector):
        thread.start()
    time.sleep(phase.load_s)
    stop_faults.set()
    injector.join()
    injector.heal()
    say(f"phase {phase.name}: faults stopped ({dict(injector.counts)}); clients finishing")
    stop_load.set()
    for client in clients:
        client.join(timeout=90)
    reader.join(timeout=10)
    with stack.connect() as conn:
        phase.violations, phase.figures = checks.final_checks(conn, phase.ledger, args.settle_timeout)
    phase.violations = phase.ledger.violations + phase.violations
    phase.faults = injector.counts
    phase.faults["kill_api_after_commit"] = _after_commit_kills(stack) - sum(
        p.faults["kill_api_after_commit"] for p in earlier)
    phase.injector_errors = injector.errors
    phase.snapshots, phase.snapshot_read_errors = reader.taken, reader.failed_reads
    say(f"phase {phase.name}: settled in {phase.figures['settled_s']:.1f}s,"
        f" {len(phase.violations)} violations")


def _after_commit_kills(stack: Stack) -> int:
    log = stack.run_dir / "api.log"
    return log.read_text(errors="replace").count("chaos: killing this process") if log.exists() else 0


def _fund(stack: Stack, accounts, ledger: Ledger) -> None:
    """Every wallet starts with INITIAL_FUNDS, topped up through the API."""
    stop = threading.Event()
    funder = Client(stack, accounts, ledger, stop)
    threads = [threading.Thread(target=funder.money, args=(
        account, "topup", {"amount": str(INITIAL_FUNDS), "payment_method": "netbanking"}),
        daemon=True) for account in accounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with stack.connect() as conn:
        checks.wait_settled(conn, 60)


def print_summary(phases: list[Phase], harness_error: str | None) -> int:
    total_violations = sum(len(p.violations) for p in phases) + (1 if harness_error else 0)
    print("", flush=True)
    for phase in phases:
        for violation in phase.violations[:50]:
            print(f"VIOLATION [{phase.name}] {violation}")
        for error in phase.injector_errors[:10]:
            print(f"injector error [{phase.name}] {error}")
    if harness_error:
        print(f"HARNESS ERROR {harness_error}")
    print("=" * 78)
    print("CHAOS SUMMARY")
    for phase in phases:
        f, led = phase.figures, phase.ledger
        print(f"[{phase.name}] locks={'on' if phase.locks else 'off'} nodes={phase.nodes}"
              f" load={phase.load_s:.0f}s"
              f" requests={led.submitted} retried={sum(led.retries.values())}"
              f" ({_short(led.retries)}) rejected={sum(led.rejected.values())} ({_short(led.rejected)})"
              f" unanswered={f.get('unanswered', 0)}")
        print(f"[{phase.name}] operations accepted={f.get('accepted', 0)}"
              f" completed={f.get('completed', 0)} failed={f.get('failed', 0)} lost={f.get('lost', 0)}"
              f" (database-wide failed by code: {_short(f.get('failure_codes', {}))}); settled in"
              f" {f.get('settled_s', 0):.1f}s")
        print(f"[{phase.name}] payouts accepted={f.get('payouts_accepted', 0)}"
              f" ({_short(f.get('payouts_by_status', {}))})")
        print(f"[{phase.name}] snapshots={phase.snapshots} (read errors {phase.snapshot_read_errors})"
              f" balance reads={led.balance_reads}")
        print(f"[{phase.name}] holds (database-wide, by status): {_short(f.get('holds', {}))};"
              f" aged past their expiry by the clients: {led.holds_aged}")
        print(f"[{phase.name}] faults {sum(phase.faults.values())}: {_short(phase.faults)}")
        print(f"[{phase.name}] money: wallets={f.get('wallets_total')} system accounts="
              f"{f.get('system_total')} expected (completed top-ups - withdrawals)="
              f"{f.get('expected_total')}")
        print(f"[{phase.name}] violations={len(phase.violations)}")
    accepted = sum(p.figures.get("accepted", 0) for p in phases)
    print(f"TOTAL operations accepted={accepted}"
          f" completed={sum(p.figures.get('completed', 0) for p in phases)}"
          f" failed={sum(p.figures.get('failed', 0) for p in phases)}"
          f" lost={sum(p.figures.get('lost', 0) for p in phases)}")
    faults = sum((p.faults for p in phases), Counter())
    print(f"TOTAL faults injected={sum(faults.values())}: {_short(faults)}")
    print(f"TOTAL violations={total_violations}")
    print("RESULT", "PASS" if total_violations == 0 else "FAIL")
    return 0 if total_violations == 0 else 1


def _short(counter) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(counter.items(), key=lambda kv: -kv[1])) or "-"


def _phases(args, load_s: float) -> list[Phase]:
    shares = {"1-locks-on": 1.0, "2-locks-off": 0.0 if args.no_unlocked_phase else 0.35,
              "3-two-nodes": 0.0 if args.no_two_node_phase else 0.3}
    shares["1-locks-on"] -= shares["2-locks-off"] + shares["3-two-nodes"]
    kinds = {"1-locks-on": (True, 1), "2-locks-off": (False, 1), "3-two-nodes": (True, 2)}
    return [Phase(name, *kinds[name][:1], load_s * share, nodes=kinds[name][1])
            for name, share in shares.items() if share]


def _terminate(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, _terminate)
    # Each run has a directory of its own (runs may overlap); it is removed when the run
    # passes and kept, for its process logs, when it fails.
    run_dir = ROOT / "var" / "chaos" / f"run-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    run_dir.mkdir(parents=True)
    stack = Stack(run_dir, args.kill_after_commit, args.broker, args.pooler)
    load_s = max(args.duration - 25, 10) if args.duration < 120 else args.duration * 0.8 - 10
    phases = _phases(args, load_s)
    say(f"run {stack.run_id}: database {stack.db_name}, private redis :{stack.redis_port},"
        f" api :{stack.api_port}, logs {run_dir}")
    harness_error = None
    done: list[Phase] = []
    try:
        stack.create_broker()
        stack.create_database()
        for name in ("redis", "api", "worker", "beat"):
            stack.start(name)
        accounts = create_accounts(stack, args.wallets)
        say(f"{len(accounts)} wallets ready")
        for phase in phases:
            run_phase(stack, accounts, phase, args, done)
            done.append(phase)
    except KeyboardInterrupt as exc:
        harness_error = f"interrupted ({exc})"
    except Exception as exc:  # reported in the summary; the run counts as failed
        harness_error = repr(exc)
    finally:
        say("stopping processes, dropping the database")
        stack.stop()
        try:
            stack.drop_database()
            stack.drop_broker()
        except Exception as exc:  # the summary still prints
            say(f"could not drop {stack.db_name} or its broker vhost: {exc!r}")
    status = print_summary(done, harness_error)
    if status == 0:
        shutil.rmtree(run_dir, ignore_errors=True)
    else:
        print(f"process logs kept in {run_dir}")
    return status


if __name__ == "__main__":
    sys.exit(main())
