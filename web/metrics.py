"""The API's instrumentation: every request counted, timed and logged (one JSON line
with its request id) by route, and GET /metrics (Prometheus text) with gauges read
from PostgreSQL and the broker at scrape time. The posting jobs' own metrics are on
the worker's endpoint (workers/metrics.py); docs/observability.md lists them all.

gunicorn runs several processes: with PROMETHEUS_MULTIPROC_DIR set (the Procfile does)
each one writes its counters there and a scrape, whichever process answers it, sums
them. Without it (tests, `flask run`) the one process reports its own.
"""
from __future__ import annotations

import logging
import os
import time

from flask import Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

import logs
import settings as settings_module
from db import probes
from web import context
from workers import broker

log = logging.getLogger("vaultpay.http")

REQUESTS = Counter("vaultpay_http_requests", "HTTP requests answered, by route and status",
                   ["route", "method", "status"])
LATENCY = Histogram("vaultpay_http_request_duration_seconds",
                    "Time to produce the response (a streamed body not included)",
                    ["route", "method", "status"],
                    buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
# Every label takes few values, or /metrics grows with whatever clients send: the
# method is sent verbatim by the client (any token is a valid HTTP method), so one
# outside this list is "other"; the route is the URL rule, never the path.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def init_app(app: Flask) -> None:
    """Call after the request id is assigned (its before_request runs first)."""
    _ensure_multiprocess_dir()
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_forget)
    app.add_url_rule("/metrics", view_func=metrics)


def metrics():
    """Prometheus text: the request metrics and the scrape-time gauges."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(ScrapeTimeCollector(context.settings()))
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def _ensure_multiprocess_dir() -> None:
    # Created if missing: without it every counter update would fail the request.
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if path:
        os.makedirs(path, exist_ok=True)


def _start() -> None:
    g.vp_started = time.perf_counter()
    logs.bind(request_id=g.get("request_id"))


def _finish(response):
    seconds = time.perf_counter() - g.get("vp_started", time.perf_counter())
    route, method, status = labels = _labels(response.status_code)
    REQUESTS.labels(*labels).inc()
    LATENCY.labels(*labels).observe(seconds)
    log.info("%s %s %s %.1fms", method, route, status, seconds * 1000)
    return response


def _labels(status_code: int) -> tuple[str, str, str]:
    # The URL rule, not the path: ids in paths would make a series per wallet.
    route = request.url_rule.rule if request.url_rule else "unmatched"
    method = request.method if request.method in _METHODS else "other"
    status = str(status_code) if 100 <= status_code <= 599 else "other"
    return route, method, status


def _forget(_exc) -> None:
    logs.clear()  # the thread serves other requests next


class ScrapeTimeCollector:
    """Facts read when Prometheus asks: cheap queries, each source allowed to fail
    without failing the scrape (`vaultpay_metrics_source_up` says which did)."""

    def __init__(self, s: settings_module.Settings):
        self.s = s

    def describe(self):
        return []  # nothing to check at registration; collect() runs at scrape only

    def collect(self):
        up = GaugeMetricFamily("vaultpay_metrics_source_up",
                               "1 if the source of the scrape-time gauges answered",
                               labels=["source"])
        for source, read in (("database", self._database), ("broker", self._broker)):
            try:
                families, answered = list(read()), 1
            except Exception as exc:  # a down source must not take /metrics with it
                log.warning("metrics source %s unavailable: %s", source, type(exc).__name__)
                families, answered = [], 0
            up.add_metric([source], answered)
            yield from families
        yield up

    def _database(self):
        read = probes.gauges(self.s.database_url)
        yield from _outbox_families(read.outbox_backlog, read.outbox_oldest_age_s)
        yield from _reconciliation_families(read.last_reconciliation)

    def _broker(self):
        queue = self.s.celery_queue
        depth = broker.queue_depth(self.s.celery_broker_url, queue)
        family = GaugeMetricFamily("vaultpay_queue_depth",
                                   "Messages waiting in the Celery queue (not yet taken by a worker)",
                                   labels=["queue"])
        family.add_metric([queue], depth)
        yield family


def _outbox_families(count: int, oldest_age_s: float):
    yield GaugeMetricFamily("vaultpay_outbox_backlog",
                            "Jobs committed but not yet published to the broker", value=count)
    yield GaugeMetricFamily("vaultpay_outbox_oldest_age_seconds",
                            "Age of the oldest unpublished job (0 when none)",
                            value=float(oldest_age_s))


def _reconciliation_families(last_run):
    if last_run is None:
        return
    ok, finished_at, violations = last_run
    yield GaugeMetricFamily("vaultpay_reconciliation_last_ok",
                            "1 if the latest finished reconciliation found the ledger whole",
                            value=1 if ok else 0)
    yield GaugeMetricFamily("vaultpay_reconciliation_last_violations",
                            "Violations found by the latest finished reconciliation",
                            value=violations)
    yield GaugeMetricFamily("vaultpay_reconciliation_last_finished_timestamp_seconds",
                            "When the latest finished reconciliation ended (Unix time)",
                            value=float(finished_at))
