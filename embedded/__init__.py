"""Embedded PostgreSQL and Valkey (a Redis-compatible server) from pip packages, for a
machine that has neither: `make up` and `make test` start them when nothing else is
there (docs/running.md).

Which servers are used, for each of PostgreSQL and Redis on its own:
- configured (DATABASE_URL, or REDIS_URL / CELERY_BROKER_URL, in the environment or
  .env) or answering on the standard local port: that one, always first;
- otherwise the embedded one; `EMBEDDED=1` forces both embedded, `EMBEDDED=0` refuses
  to fall back (and says what is missing).

The servers are children of this process, in sessions of their own so that a Ctrl-C
meant for the application reaches them only after it has stopped, and they are told
by the kernel (PR_SET_PDEATHSIG) to stop if this process dies without cleaning up.

    python -m embedded run [--data DIR] -- COMMAND...   # servers around COMMAND

The servers are in embedded/servers.py; the runner `make up` uses, embedded/runner.py.
"""
from __future__ import annotations

from embedded.servers import EmbeddedServers, answering, free_port

PG_PORT, REDIS_PORT = 5432, 6379
__all__ = ["EmbeddedRefused", "EmbeddedServers", "answering", "free_port", "plan"]


class EmbeddedRefused(RuntimeError):
    """EMBEDDED=0 and a server is neither configured nor answering."""


def plan(env: dict[str, str], configured_pg: tuple[str, ...] = ("DATABASE_URL",),
         configured_redis: tuple[str, ...] = ("REDIS_URL", "CELERY_BROKER_URL"),
         ports: tuple[int, int] = (PG_PORT, REDIS_PORT)) -> set[str]:
    """Which of {"postgres", "redis"} to embed (`ports`: where each would answer)."""
    mode = env.get("EMBEDDED", "").strip()
    if mode == "1":
        return {"postgres", "redis"}
    wanted = set()
    if not any(env.get(name) for name in configured_pg) and not answering(ports[0]):
        wanted.add("postgres")
    if not any(env.get(name) for name in configured_redis) and not answering(ports[1]):
        wanted.add("redis")
    if wanted and mode == "0":
        raise EmbeddedRefused(
            f"EMBEDDED=0, and no {' nor '.join(sorted(wanted))} is configured or answering on "
            f"127.0.0.1 (PostgreSQL {ports[0]}, Redis {ports[1]}); set DATABASE_URL / "
            "REDIS_URL / CELERY_BROKER_URL, start them, or leave EMBEDDED unset")
    return wanted
