"""Tracing end to end: the API (a real gunicorn) and a real Celery worker export to a
real OTLP/HTTP receiver in this process. One send is one trace, from the request
through the posting job to its SQL; the posting span links to the operation's trace,
also when another trace's job posted it;
the JSON log lines carry the trace id. With no endpoint set, nothing is instrumented
and no exporter is loaded."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest
import redis

from db.redis import key
from tests.conftest import ROOT, TEST_DB, TEST_ENV, _admin, migrate
from tests.support.api import Api
from tests.support.gunicorn import gunicorn
from tests.support.http import HttpClient
from tests.support.otlp import OtlpReceiver
from tests.support.worker import CeleryWorker

SERVER_KIND = 2  # SpanKind.SERVER in the OTLP protobuf
TRACING_MODULES = ("opentelemetry.sdk.trace", "opentelemetry.exporter",
                   "opentelemetry.instrumentation")


@pytest.fixture(scope="module")
def receiver():
    otlp = OtlpReceiver()
    otlp.start()
    yield otlp
    otlp.stop()


@pytest.fixture(scope="module")
def traced_database(database_url):
    """A database of its own: the session's untraced worker claims any queued operation
    of the database it serves (its sweeper and drains are not per queue), so on the
    shared database it could post the operation a test follows, and no span would say so."""
    name = f"{TEST_DB}_traced"
    url = TEST_ENV["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    _admin(f'CREATE DATABASE "{name}"')
    migrate(url)
    yield url
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def traced_db(traced_database):
    with psycopg.connect(traced_database.replace("+psycopg", ""), autocommit=True) as conn:
        yield conn


@pytest.fixture(scope="module")
def traced_env(receiver, traced_database):
    # A queue of its own too, so that the session's worker takes none of these jobs.
    return {**os.environ, "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint,
            "OTEL_BSP_SCHEDULE_DELAY": "200", "CELERY_QUEUE": f"vp-trace-{uuid.uuid4().hex[:8]}",
            "DATABASE_URL": traced_database}


@pytest.fixture(scope="module")
def traced_stack(database_url, mailbox, traced_env, tmp_path_factory):
    log_dir = tmp_path_factory.mktemp("traced")
    worker = CeleryWorker(ROOT, log_dir, traced_env)
    worker.start()
    try:
        with gunicorn(log_dir / "gunicorn.log", traced_env) as base_url:
            yield base_url, worker, log_dir / "gunicorn.log"
    finally:
        worker.stop()


def _ancestors(span, by_id) -> list:
    chain = []
    while span.parent_id and span.parent_id in by_id:
        span = by_id[span.parent_id]
        chain.append(span)
    return chain


def _is_sql(span) -> bool:
    return span.attributes.get("db.system") == "postgresql" or \
        span.attributes.get("db.system.name") == "postgresql"


def test_one_send_is_one_trace_from_request_through_job_to_sql(traced_stack, receiver,
                                                               traced_db):
    base_url, worker, api_log = traced_stack
    api = Api(HttpClient(base_url), traced_db)
    sender, recipient = api.wallet(funds="300.00"), api.wallet()
    sent = api.send(sender, recipient, "75.00", wait=20)
    assert sent.status_code == 201, sent.json
    assert sent.json["data"]["status"] == "completed"
    operation_id = sent.json["data"]["operation_id"]

    def request_span(spans):
        return next((s for s in spans if s.service == "vaultpay-api" and s.kind == SERVER_KIND
                     and s.name.endswith("/transactions/send")), None)

    request = receiver.wait_for(request_span)
    assert request, "no server span for POST /transactions/send"
    trace = request.trace_id

    def whole_trace(spans):
        in_trace = [s for s in spans if s.trace_id == trace]
        by_id = {s.span_id: s for s in in_trace}
        jobs = [s for s in in_trace if s.service == "vaultpay-worker"
                and s.name == "run/workers.post_transfer"]
        job_sql = [s for s in in_trace if s.service == "vaultpay-worker" and _is_sql(s)
                   and any(a in jobs for a in _ancestors(s, by_id))]
        batch = [s for s in in_trace if s.name == "post operations"]
        return (jobs, job_sql, batch, by_id) if jobs and job_sql and batch else None

    found = receiver.wait_for(whole_trace)
    assert found, f"trace {trace} lacks the job, its SQL or the posting span"
    jobs, job_sql, batch, by_id = found
    # request -> publish -> job: the job's ancestors lead back to the request span.
    assert request in _ancestors(jobs[0], by_id)
    # The API's own SQL (recording the operation) is in the trace too.
    assert any(_is_sql(s) and request in _ancestors(s, by_id)
               for s in by_id.values() if s.service == "vaultpay-api")
    # The posting span links to the trace the operation's row names.
    assert trace in batch[0].links
    stored = traced_db.execute("SELECT trace_context FROM operations WHERE id = %s",
                        (operation_id,)).fetchone()[0]
    assert stored.split("-")[1] == trace

    # The JSON log lines written while serving the request carry its trace id.
    lines = [json.loads(line) for line in api_log.read_text().splitlines()
             if line.startswith("{")]
    assert any(line.get("trace_id") == trace for line in lines)


def test_an_operation_posted_by_another_trace_s_job_is_linked_to_its_request(
        traced_stack, traced_env, receiver, traced_db):
    """The coalesced case: a posting job is already "waiting" (the doorbell flag is
    up), so the request publishes nothing; the sweeper rings later, from a trace of its
    own, and the span that posts the batch links back to the request's trace."""
    base_url, _, _ = traced_stack
    api = Api(HttpClient(base_url), traced_db)
    sender, recipient = api.wallet(funds="100.00"), api.wallet()
    flag = key("posting", "doorbell", traced_env["CELERY_QUEUE"])
    redis.Redis.from_url(traced_env["REDIS_URL"]).set(flag, "1", px=4000)
    accepted = api.send(sender, recipient, "10.00")
    assert accepted.status_code == 202, accepted.json
    operation = api.wait_finished(sender, accepted.json["data"]["operation_id"], timeout_s=60)
    assert operation["status"] == "completed"
    stored = traced_db.execute("SELECT trace_context FROM operations WHERE id = %s",
                        (operation["operation_id"],)).fetchone()[0]
    request_trace = stored.split("-")[1]

    def linking_batch(spans):
        return next((s for s in spans if s.name == "post operations"
                     and request_trace in s.links), None)

    batch = receiver.wait_for(linking_batch)
    assert batch, f"no posting span links to {request_trace}"
    assert batch.trace_id != request_trace  # posted by the sweeper's job, not the request's
    assert not any(s.trace_id == request_trace and s.name.startswith("run/")
                   for s in receiver.spans)


def test_with_no_endpoint_nothing_is_instrumented_or_exported(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    # redis-py imports OpenTelemetry's API for metrics of its own (off unless asked
    # for); what tracing would load is the SDK's tracer, the exporter and the hooks.
    probe = ("import sys\n"
             f"TRACING_MODULES = {TRACING_MODULES!r}\n"
             "from web.app import create_app\n"
             "app = create_app()\n"
             "assert app.test_client().get('/healthz').status_code == 200\n"
             "import workers.tasks\n"
             "print(sorted(m for m in sys.modules if m.startswith(TRACING_MODULES)))\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
