"""Log lines are JSON, one object per line, and a request's id follows its work from the
API through the broker into the worker's lines."""
from __future__ import annotations

import io
import json
import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from celery.signals import before_task_publish

import logs
from workers import outbox


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def wait_for_worker_line(worker, match, timeout_s: float = 15) -> dict:
    deadline = time.monotonic() + timeout_s
    while not (found := [line for line in json_lines(worker.logs()) if match(line)]):
        assert time.monotonic() < deadline, "no such line in the worker log"
        time.sleep(0.1)
    return found[0]


def a_request_id() -> str:
    return f"trace-{uuid.uuid4().hex}"


def test_a_line_is_one_json_object_even_with_a_traceback():
    stream = io.StringIO()
    logger = logging.getLogger(f"vaultpay.test.{uuid.uuid4().hex}")
    logger.addHandler(logs.JsonHandler(stream))
    logs.bind(request_id="req-1", operation_id="op-1")
    try:
        try:
            raise NotImplementedError("two\nlines")
        except NotImplementedError:
            logger.exception("it broke")
        logger.warning("with a task", extra={"task_id": "task-1"})
    finally:
        logs.clear()
    first, second = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert first["message"] == "it broke" and first["level"] == "ERROR"
    assert first["request_id"] == "req-1" and first["operation_id"] == "op-1"
    assert "NotImplementedError: two\nlines" in first["exception"] and first["timestamp"]
    assert second["task_id"] == "task-1" and second["logger"] == logger.name


def test_the_apis_lines_are_json_and_carry_the_request_id_it_was_sent(client, capsys):
    sent = a_request_id()
    response = client.get("/healthz", headers={"X-Request-ID": sent})
    assert response.headers["X-Request-ID"] == sent
    [line] = [line for line in json_lines(capsys.readouterr().err) if line["request_id"] == sent]
    assert line["logger"] == "vaultpay.http" and line["level"] == "INFO"
    assert "GET /healthz 200" in line["message"]
    assert logs.request_id.get() is None  # nothing left behind for the thread's next request


def test_the_posting_jobs_worker_lines_carry_the_request_id_and_the_operation_id(api, worker):
    alice = api.wallet()
    sent = a_request_id()
    response = api.post("/transactions/topup", alice,
                        json={"amount": "4.00", "payment_method": "upi"},
                        headers={"Idempotency-Key": uuid.uuid4().hex, "X-Request-ID": sent,
                                 "Prefer": "wait=10"})
    operation_id = response.json["data"]["operation_id"]
    assert response.json["data"]["status"] == "completed"

    finished = wait_for_worker_line(
        worker, lambda line: line.get("operation_id") == operation_id and "finished" in line["message"])
    assert finished["request_id"] == sent
    assert finished["task_id"] and finished["logger"] == "vaultpay.posting"
    succeeded = wait_for_worker_line(
        worker, lambda line: line.get("task_id") == finished["task_id"]
        and "succeeded" in line["message"])
    assert succeeded["request_id"] == sent and succeeded["operation_id"] == operation_id


def test_any_job_published_while_serving_a_request_carries_its_id(worker):
    sent, published = a_request_id(), []

    def capture(headers=None, **_):
        published.append(headers)

    before_task_publish.connect(capture)
    logs.bind(request_id=sent)  # as during a request
    try:
        outbox.publish("workers.sweep_stuck_operations", [])
    finally:
        logs.clear()
        before_task_publish.disconnect(capture)
    [headers] = published
    assert headers["request_id"] == sent

    line = wait_for_worker_line(worker, lambda line: line.get("task_id") == headers["id"])
    assert line["request_id"] == sent


def test_gunicorns_own_lines_are_json_too(database_url, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = Path(__file__).resolve().parent.parent
    output = tmp_path / "gunicorn.log"
    with output.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "wsgi:app", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--no-control-socket"],
            cwd=root, env=dict(os.environ), stdout=sink, stderr=subprocess.STDOUT)
        try:
            # Stop it only once the worker serves: a worker still importing the app
            # finishes that before it can act on SIGTERM, which on a loaded machine
            # takes longer than any fixed wait.
            _wait_until_serving(port, server, timeout_s=60)
        finally:
            server.terminate()
            server.wait(timeout=60)
    lines = [line for line in output.read_text().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line parses
    assert {"Starting gunicorn", "Booting worker"} <= {
        " ".join(record["message"].split()[:2]) for record in records}
    assert all(record["logger"] for record in records)


def _wait_until_serving(port: int, server: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
                if conn.recv(16).startswith(b"HTTP/1."):
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not serve /healthz in time")


def test_a_logged_database_error_keeps_its_condition_but_never_a_value(database_url):
    from sqlalchemy import text

    from db.session import engine_for

    secret = f"secret-{uuid.uuid4().hex}"
    stream = io.StringIO()
    logger = logging.getLogger(f"vaultpay.test.{uuid.uuid4().hex}")
    logger.addHandler(logs.JsonHandler(stream))
    with engine_for(database_url).connect() as connection:
        for statement in ("SET LOCAL statement_timeout = '1ms'; SELECT pg_sleep(0.2)",
                          "SELECT CAST(:value AS uuid)"):
            try:
                connection.execute(text(statement), {"value": secret})
            except Exception:
                logger.exception("query failed")
            connection.rollback()
    timeout, bad_value = [json.loads(line)["exception"] for line in stream.getvalue().splitlines()]
    assert "canceling statement due to statement timeout" in timeout and "sqlstate=57014" in timeout
    assert "sqlstate=22P02" in bad_value and "CAST(%(value)s AS uuid)" in bad_value
    assert secret not in stream.getvalue()
