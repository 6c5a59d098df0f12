"""`make bench`: one run, one throwaway database, one private Redis (chaos/stack.py),
the production configuration (no bcrypt or PIN cost override), and the steps of
docs/performance.md. The last line printed is the RESULT line.

    .venv/bin/python -m bench.run            # 10,000 wallets and operations, about 3 minutes
    .venv/bin/python -m bench.run --quick    # 2,000 of each, shorter steps, about 75 s
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Iterator

import psycopg

from bench import baseline, e2e, live_idle, nodes, payouts, posting, report, setup
from bench.http_steps import HttpSteps
from bench.processes import peak_rss_mb
from chaos.stack import ROOT, Stack, free_port

STEPS = ("baseline", "posting", "two_nodes", "posting_hot", "payouts", "idle", "e2e",
         "e2e_live_idle")
# Costs the test suite and the chaos run lower; the bench measures what ships.
COST_OVERRIDES = ("BCRYPT_ROUNDS", "PIN_BCRYPT_ROUNDS")


def _log(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--quick", action="store_true",
                        help="2,000 wallets and operations, shorter steps (about 75 s)")
    parser.add_argument("--full", action="store_true",
                        help="the default sizes, kept as an explicit name")
    parser.add_argument("--wallets", type=int)
    parser.add_argument("--operations", type=int)
    parser.add_argument("--baseline-seconds", type=float)
    parser.add_argument("--e2e-seconds", type=float)
    parser.add_argument("--drain-timeout", type=float, help="time box of each posting step")
    parser.add_argument("--clients", type=int, default=16, help="baseline connections")
    parser.add_argument("--e2e-clients", type=int, default=16, help="HTTP client processes")
    parser.add_argument("--poll-mode", action="store_true",
                        help="also run e2e the old way (no Prefer: wait, a poll every 50 ms),"
                             " reported apart as e2e_poll")
    parser.add_argument("--steps", type=lambda text: text.split(","), default=list(STEPS),
                        help="comma-separated subset of " + ",".join(STEPS))
    args = parser.parse_args(argv)
    if args.poll_mode and "e2e_poll" not in args.steps:
        args.steps.append("e2e_poll")
    unknown = set(args.steps) - set(STEPS) - {"e2e_poll"}
    if unknown:
        parser.error(f"unknown steps: {sorted(unknown)}")
    big = not args.quick  # the sizes (10,000 wallets) unless asked otherwise
    args.wallets = args.wallets or (10_000 if big else 2_000)
    args.operations = args.operations or (10_000 if big else 2_000)
    args.baseline_seconds = args.baseline_seconds or (60 if big else 20)
    args.e2e_seconds = args.e2e_seconds or (90 if big else 30)
    args.drain_timeout = args.drain_timeout or (300 if big else 90)
    return args


def _posting_step(stack, conn, args, result, name, wallets, hot) -> None:
    steps = result["steps"]
    if stack.alive("worker"):
        stack.kill("worker")  # the step starts its worker with the queue already full
    ids = posting.insert_sends(conn, wallets, args.operations, hot_wallet=hot,
                               seed=2 if hot else 1)
    posting.publish(ids)
    _log(f"{name}: {len(ids)} sends queued; starting the worker")
    stack.start("worker")
    steps[name] = posting.drain(conn, ids, args.drain_timeout)
    steps[name]["hot_wallet"] = hot
    result["peak_rss"][f"worker_{name}"] = peak_rss_mb(stack.pid("worker"))
    _log(f"{name}: {steps[name]['tps']:.0f} posted/s ({steps[name]['completed']} completed,"
         f" {steps[name]['failed']} failed, {steps[name]['unfinished']} unfinished)")


def _two_nodes_step(stack, conn, args, steps, wallets) -> None:
    if stack.alive("worker"):
        stack.kill("worker")  # the step starts its nodes with the queue already full
    steps["two_nodes"] = nodes.run(stack, conn, wallets, args.operations,
                                   args.drain_timeout, steps["posting"])
    _log(f"two_nodes: {steps['two_nodes']['tps']:.0f} posted/s by two worker nodes,"
         f" {steps['two_nodes']['ratio_to_one_node']}x one node")


def production_stack(run_dir) -> Stack:
    """The stack a bench measures: its own database, production clocks and costs."""
    stack = Stack(run_dir, kill_after_commit=0)
    stack.db_name = f"vp_bench_{stack.run_id}"
    stack.database_url = stack.database_url.rsplit("/", 1)[0] + f"/{stack.db_name}"
    stack.env.update({
        "VAULTPAY_ENV": "bench",
        "DATABASE_URL": stack.database_url.replace("postgresql://", "postgresql+psycopg://"),
        # Production-like clocks (the chaos run shortens them): the sweeper must not
        # re-send operations that are only waiting in a long queue.
        "WALLET_LOCK_TTL_MS": "30000", "TASK_SOFT_TIME_LIMIT": "20", "TASK_TIME_LIMIT": "30",
        "VISIBILITY_TIMEOUT": "120", "STUCK_OPERATION_S": "3600", "SWEEP_INTERVAL_S": "30",
        "OUTBOX_GRACE_S": "30", "RECONCILE_INTERVAL_S": "3600",
        "WORKER_METRICS_PORT": str(free_port()),
    })
    for name in COST_OVERRIDES:
        stack.env.pop(name, None)
    return stack


@contextmanager
def profiling_stack(name: str) -> Iterator[Stack]:
    """For the in-process profilers (make profile-submit, make profile-posting): the
    production stack with its database made and Redis started, this process's
    environment pointed at it, and everything stopped and dropped at the end."""
    run_dir = ROOT / "var" / "bench" / f"{name}-{time.strftime('%Y%m%dT%H%M%S')}"
    (run_dir / "mail").mkdir(parents=True, exist_ok=True)
    stack = production_stack(run_dir)
    os.environ.update(stack.env)
    try:
        stack.create_database()
        stack.start("redis")
        yield stack
    finally:
        stack.stop()
        stack.drop_database()


def main(argv: list[str]) -> int:
    args = parse(argv)
    started = time.monotonic()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out_dir = ROOT / "var" / "bench"
    run_dir = out_dir / f"run-{stamp}"
    (run_dir / "mail").mkdir(parents=True, exist_ok=True)
    stack = production_stack(run_dir)
    os.environ.update(stack.env)  # publishing from this process goes to the private Redis
    result: dict = {"started_at": stamp, "config": {k: v for k, v in vars(args).items()},
                    "database": stack.db_name, "steps": {}, "peak_rss": {}}
    steps = result["steps"]
    try:
        _log(f"database {stack.db_name}, redis port {stack.redis_port}, logs in {run_dir}")
        stack.create_database()
        stack.start("redis")
        conn = psycopg.connect(stack.database_url)
        # Off on a CI cluster: each step then analyses first (setup.analyse_like_autovacuum).
        result["postgres_autovacuum"] = conn.execute("SHOW autovacuum").fetchone()[0]
        wallets = setup.create_wallets(conn, args.wallets)
        setup.fund(conn, wallets)
        _log(f"{len(wallets)} funded, verified wallets created by SQL")

        if "baseline" in args.steps:
            _log(f"baseline: {args.clients} connections for {args.baseline_seconds:.0f} s")
            steps["baseline"] = baseline.run(stack.database_url, [w for w, _ in wallets],
                                             args.clients, args.baseline_seconds)
            _log(f"baseline: {steps['baseline']['tps']:.0f} transfers/s")

        for name, hot in (("posting", None), ("posting_hot", wallets[0][0])):
            if name in args.steps:
                _posting_step(stack, conn, args, result, name, wallets, hot)
            if name == "posting" and {"posting", "two_nodes"} <= set(args.steps):
                _two_nodes_step(stack, conn, args, steps, wallets)

        if "payouts" in args.steps:
            step = steps["payouts"] = payouts.run(stack, conn, wallets, args.drain_timeout, _log)
            result["peak_rss"]["worker_payouts"] = peak_rss_mb(stack.pid("worker"))
            _log(f"payouts: {step['tps']:.0f} items posted/s ({step['completed']} completed,"
                 f" {step['failed']} failed, {step['unfinished']} unfinished;"
                 f" payouts {step['payout_statuses']})")

        api = HttpSteps(stack, conn, args, result, _log)
        if "idle" in args.steps:
            steps["idle"] = api.idle()
        if "e2e" in args.steps:
            steps["e2e"] = api.e2e(e2e.WAIT)
        if "e2e_poll" in args.steps:
            steps["e2e_poll"] = api.e2e(e2e.POLL)
        if {"e2e", "e2e_live_idle"} <= set(args.steps):
            steps["e2e_live_idle"] = live_idle.run(
                stack, run_dir, [user_id for _, user_id in wallets], steps["e2e"],
                lambda live_processes: api.e2e(e2e.WAIT, live_processes))
            _log(f"e2e with {steps['e2e_live_idle']['connections_held']} idle live connections:"
                 f" ratio to without {steps['e2e_live_idle']['ratio']}")

        result["password_check_cost_12"] = e2e.bcrypt_checks_per_second(12)
        _log(f"bcrypt cost 12: {result['password_check_cost_12']['checks_per_s']:.1f}"
             " checks/s on one core (passwords)")

        from checks.ledger import violations

        with stack.connect() as check:
            result["ledger_violations"] = violations(check)[:20]
        conn.close()
    except Exception as exc:  # a failed step still leaves its figures and the others'
        import traceback

        traceback.print_exc()
        result["error"] = repr(exc)
    finally:
        stack.stop()
        try:
            stack.drop_database()
        except Exception as exc:  # reported, not hidden
            _log(f"could not drop {stack.db_name}: {exc!r}")
    result["elapsed_s"] = round(time.monotonic() - started, 1)
    line = report.result_line(result)
    result["result_line"] = line
    json_path = out_dir / f"bench-{stamp}.json"
    report.write_json(json_path, result)
    png_path = out_dir / f"bench-{stamp}.png"
    report.write_chart(png_path, result)
    _log(f"wrote {json_path.relative_to(ROOT)} and {png_path.relative_to(ROOT)}"
         f" in {result['elapsed_s']} s; ledger violations: {len(result.get('ledger_violations', []))}")
    print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
