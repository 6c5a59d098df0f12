"""The worker's metrics: posting outcomes and latency, wallet-lock waits, dead letters,
and every task's runs, duration and retries.

Tasks run in prefork pool processes, so the counters live in PROMETHEUS_MULTIPROC_DIR
(set for the worker by the Procfile; one directory per worker, emptied at its start).
The worker's main process serves them all on WORKER_METRICS_PORT, summed across its
pool processes, including ones that have since exited. docs/observability.md.
"""
from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Iterator

from celery import signals
from prometheus_client import CollectorRegistry, Counter, Histogram, multiprocess, start_http_server

log = logging.getLogger("vaultpay.metrics")

OPERATIONS = Counter("vaultpay_operations", "Operations the posting job finished, by final status",
                     ["type", "status"])
SUBMIT_TO_POSTED = Histogram(
    "vaultpay_operation_submit_to_posted_seconds",
    "From the operation's submission to its journal committed (completed operations)",
    ["type"], buckets=(.025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 900))
LOCK_WAIT = Histogram(
    "vaultpay_wallet_lock_wait_seconds",
    "Time a posting job waited for its wallet locks (outcome: acquired, or busy when it "
    "gave up and retried)",
    ["outcome"], buckets=(.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5))
DEAD_LETTERS = Counter("vaultpay_dead_letters",
                       "Operations failed after MAX_POSTING_DELIVERIES deliveries", ["type"])
TASKS = Counter("vaultpay_tasks", "Task runs by name and state (SUCCESS, FAILURE, RETRY)",
                ["task", "state"])
TASK_DURATION = Histogram("vaultpay_task_duration_seconds", "Task run time", ["task"],
                          buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
RETRIES = Counter("vaultpay_task_retries", "Retries scheduled, by task and the error behind them",
                  ["task", "reason"])


def operation_finished(operation_type: str, status: str, submitted_at: datetime) -> None:
    OPERATIONS.labels(operation_type, status).inc()
    if status == "completed":
        waited = (datetime.now(timezone.utc) - submitted_at).total_seconds()
        SUBMIT_TO_POSTED.labels(operation_type).observe(max(waited, 0.0))


@contextmanager
def lock_wait() -> Iterator[None]:
    started = time.perf_counter()
    outcome = "busy"
    try:
        yield
        outcome = "acquired"
    finally:
        LOCK_WAIT.labels(outcome).observe(time.perf_counter() - started)


# --- every task (signals sent in the pool process that runs it) ------------------------
_started: dict[str, float] = {}


@signals.task_prerun.connect
def _task_started(task_id=None, **_) -> None:
    _started[task_id] = time.perf_counter()


@signals.task_postrun.connect
def _task_ended(task_id=None, task=None, state=None, **_) -> None:
    started = _started.pop(task_id, None)
    if task is None:
        return
    TASKS.labels(task.name, state or "UNKNOWN").inc()
    if started is not None:
        TASK_DURATION.labels(task.name).observe(time.perf_counter() - started)


@signals.task_retry.connect
def _task_retried(sender=None, reason=None, **_) -> None:
    cause = getattr(reason, "exc", None) or reason  # a Retry carries the error behind it
    RETRIES.labels(getattr(sender, "name", "unknown"), type(cause).__name__).inc()


# --- the worker's endpoint (main process) ---------------------------------------------
_servers: list = []


def serve(port: int) -> None:
    """Serve the pool's metrics on `port` (0: not at all); never stops the worker."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not path:
        log.warning("worker metrics off: PROMETHEUS_MULTIPROC_DIR is not set, so the pool "
                    "processes' counters cannot be collected (see docs/observability.md)")
        return
    os.makedirs(path, exist_ok=True)
    if not port:
        return
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path)
    try:
        server, _thread = start_http_server(port, registry=registry)
    except OSError as exc:  # another worker on this host has the port
        log.warning("worker metrics not served on port %s: %s", port, exc)
        return
    _servers.append(server)
    log.info("worker metrics on http://0.0.0.0:%s/metrics", port)


@signals.worker_process_init.connect
def _drop_inherited_listener(**_) -> None:
    # A forked pool process inherits the listening socket; one outliving the worker
    # would keep the port, and scrapes would hang in its unaccepted backlog.
    for server in _servers:
        server.socket.close()


@signals.worker_process_shutdown.connect
def _pool_process_exited(pid=None, **_) -> None:
    # Drops the exited process's live gauges; its counters stay in the sums.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid or os.getpid())
