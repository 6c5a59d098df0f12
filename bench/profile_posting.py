"""Where the worker's CPU goes when it posts: the bench's stack (its own database and
Redis, production settings), sends queued by SQL as the posting step queues them, and
the posting job's drain (workers/posting.py) called in this process until the queue
is empty. Prints the drain's CPU per operation (`time.thread_time`: PostgreSQL's and
Redis's own CPU is not in it) and its throughput on one thread.

    make profile-posting                                  # 5,000 sends, CPU per operation
    make profile-posting PROFILE_ARGS='--hot --profile'   # half to one wallet, cProfile
    .venv/bin/python -m bench.profile_posting --help

The figure moves by 10-20 % from run to run on this machine: compare changes by
alternating runs of each. cProfile inflates many-call code several times over: use it
for the shape, not the amounts.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time

import psycopg

from bench import posting, setup


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.profile_posting")
    parser.add_argument("--operations", type=int, default=5000)
    parser.add_argument("--wallets", type=int, default=10000)
    parser.add_argument("--hot", action="store_true", help="every other send pays one wallet")
    parser.add_argument("--profile", action="store_true", help="cProfile the drains")
    parser.add_argument("--top", type=int, default=50)
    args = parser.parse_args(argv)
    from bench.run import profiling_stack

    with profiling_stack("profile-posting") as stack:
        with psycopg.connect(stack.database_url) as conn:
            wallets = setup.create_wallets(conn, args.wallets)
            setup.fund(conn, wallets)
            posting.insert_sends(conn, wallets, args.operations,
                                 hot_wallet=wallets[0][0] if args.hot else None)
        _drain_all(args)
    return 0


def _drain_all(args) -> None:
    import settings
    from db import redis as vp_redis
    from workers import posting as job

    s = settings.load()
    r = vp_redis.client(s.redis_url)
    profiler = cProfile.Profile(time.thread_time)
    posted, began_cpu, began = 0, time.thread_time(), time.perf_counter()
    if args.profile:
        profiler.enable()
    while posted < args.operations:  # a drain stops at POSTING_DRAIN_S: start the next
        done = job.drain(s, r)
        if not done:
            raise RuntimeError(f"the queue stopped draining after {posted} operations")
        posted += done
    profiler.disable()
    cpu, wall = time.thread_time() - began_cpu, time.perf_counter() - began
    print(f"{posted} operations posted: worker CPU {1000 * cpu / posted:.3f} ms per operation,"
          f" {posted / wall:.0f} per second on one thread")
    if args.profile:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
