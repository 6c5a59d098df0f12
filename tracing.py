"""OpenTelemetry tracing for the api, the worker and beat: Flask requests, Celery
jobs, psycopg statements and Redis commands, exported over OTLP/HTTP.

Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then nothing of OpenTelemetry is even
imported, and every function here returns at its first line. The standard OTEL_*
variables (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_SCHEDULE_DELAY, ...)
apply as documented by OpenTelemetry.

One trace from request to ledger: the Celery instrumentation carries the context in
the message headers, so a posting job published by a request continues its trace.
Posting is batched, though (workers/posting.py): one job posts operations accepted by
many requests, most of which published nothing (workers/doorbell.py). So each
operation row keeps its request's context (`operations.trace_context`, a W3C
traceparent), and the span that posts a batch links to every one of them.
"""
from __future__ import annotations

import os
from contextlib import contextmanager, nullcontext
from typing import Iterable, Iterator

_state = {"on": False}


def enabled() -> bool:
    return bool(os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"))


def init(service_name: str) -> bool:
    """Set up export and instrument Celery, psycopg and Redis, once per process (call
    it after any fork: the exporter runs a thread). True if tracing is on."""
    if _state["on"] or not enabled():
        return _state["on"]
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.celery import CeleryInstrumentor
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    name = os.environ.get("OTEL_SERVICE_NAME") or service_name
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    CeleryInstrumentor().instrument()
    PsycopgInstrumentor().instrument()
    RedisInstrumentor().instrument()
    _state["on"] = True
    return True


def instrument_flask(app) -> None:
    if _state["on"]:
        from opentelemetry.instrumentation.flask import FlaskInstrumentor

        FlaskInstrumentor().instrument_app(app, excluded_urls="healthz,readyz,metrics")


def flush() -> None:
    """Export what is buffered (a worker process about to exit)."""
    if _state["on"]:
        from opentelemetry import trace

        trace.get_tracer_provider().force_flush()


def current_context() -> str | None:
    """The active span's context as a W3C traceparent, to store with an operation."""
    if not _state["on"]:
        return None
    from opentelemetry.propagate import inject

    carrier: dict[str, str] = {}
    inject(carrier)
    return carrier.get("traceparent")


def trace_id() -> str | None:
    """The active trace's id (32 hex digits), for the log lines; None when off."""
    if not _state["on"]:
        return None
    from opentelemetry import trace

    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


def batch_span(name: str, traceparents: Iterable[str | None], **attributes):
    """A span around posting a batch, linked to the trace of each operation in it."""
    if not _state["on"]:
        return nullcontext()
    return _linked_span(name, [tp for tp in traceparents if tp], attributes)


@contextmanager
def _linked_span(name: str, traceparents: list[str], attributes: dict) -> Iterator[None]:
    from opentelemetry import trace
    from opentelemetry.propagate import extract

    links = []
    for traceparent in traceparents:
        context = trace.get_current_span(extract({"traceparent": traceparent})).get_span_context()
        if context.is_valid:
            links.append(trace.Link(context))
    with trace.get_tracer("vaultpay").start_as_current_span(name, links=links,
                                                            attributes=attributes):
        yield
