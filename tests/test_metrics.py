"""What an operator's Prometheus scrapes: /metrics on the API, and the worker's own
endpoint for what the posting jobs do."""
from __future__ import annotations

import time
import uuid

import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.support.waiting import eventually

OPERATION_ROUTE = "/api/v1/operations/<operation_id>"


def samples(text: str) -> list[tuple[str, dict, float]]:
    return [(sample.name, sample.labels, sample.value)
            for family in text_string_to_metric_families(text) for sample in family.samples]


def value(text: str, name: str, **labels) -> float:
    return sum(v for n, got, v in samples(text)
               if n == name and all(got.get(k) == want for k, want in labels.items()))


def scrape_api(client) -> str:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return response.get_data(as_text=True)


def scrape_worker(worker) -> str:
    response = requests.get(worker.metrics_url, timeout=5)
    assert response.status_code == 200
    return response.text


def wait_for_worker_value(worker, name: str, above: float, timeout_s: float = 15, **labels):
    # The pool process counts just after its commit: a poll of the operation can see
    # "completed" a moment earlier.
    seen = []

    def risen() -> bool:
        seen.append(value(scrape_worker(worker), name, **labels))
        return seen[-1] > above

    assert eventually(risen, timeout_s), f"{name}{labels} stayed at {seen[-1]}"
    return seen[-1]


def test_requests_are_counted_and_timed_by_route_not_by_path(api, client):
    alice = api.wallet()
    operation = api.topup(alice, "5.00")
    assert api.get(f"/operations/{operation['operation_id']}", alice).status_code == 200
    assert client.get("/api/v1/no-such-thing").status_code == 404

    text = scrape_api(client)
    assert value(text, "vaultpay_http_requests_total",
                 route=OPERATION_ROUTE, method="GET", status="200") >= 1
    assert value(text, "vaultpay_http_request_duration_seconds_count",
                 route=OPERATION_ROUTE, method="GET", status="200") >= 1
    assert value(text, "vaultpay_http_requests_total", route="unmatched", status="404") >= 1
    assert operation["operation_id"] not in text and alice.wallet_id not in text


def test_queue_depth_outbox_backlog_and_last_reconciliation_are_read_at_scrape_time(
        client, db, worker):
    run_id = db.execute(
        "INSERT INTO reconciliation_runs (run_id, trigger, started_at, finished_at, ok)"
        " VALUES (gen_random_uuid(), 'manual', now(), now(), true) RETURNING run_id").fetchone()[0]
    try:
        text = scrape_api(client)
    finally:
        db.execute("DELETE FROM reconciliation_runs WHERE run_id = %s", (run_id,))
    names = {name for name, _, _ in samples(text)}
    assert {"vaultpay_queue_depth", "vaultpay_outbox_backlog",
            "vaultpay_outbox_oldest_age_seconds"} <= names
    assert value(text, "vaultpay_metrics_source_up", source="database") == 1
    assert value(text, "vaultpay_metrics_source_up", source="broker") == 1
    assert value(text, "vaultpay_outbox_backlog") >= 0
    assert value(text, "vaultpay_reconciliation_last_finished_timestamp_seconds") > time.time() - 300
    assert value(text, "vaultpay_reconciliation_last_ok") in (0, 1)


def test_a_topup_moves_the_workers_outcome_counter_and_latency_histogram(api, worker):
    alice = api.wallet()
    before = scrape_worker(worker)
    completed = value(before, "vaultpay_operations_total", type="topup", status="completed")
    posted = value(before, "vaultpay_operation_submit_to_posted_seconds_count", type="topup")

    assert api.topup(alice, "7.00", wait=10)["status"] == "completed"

    wait_for_worker_value(worker, "vaultpay_operations_total", completed,
                          type="topup", status="completed")
    after = scrape_worker(worker)
    assert value(after, "vaultpay_operation_submit_to_posted_seconds_count", type="topup") > posted
    assert value(after, "vaultpay_wallet_lock_wait_seconds_count", outcome="acquired") >= 1
    assert value(after, "vaultpay_tasks_total", task="workers.post_topup", state="SUCCESS") >= 1


def test_made_up_methods_and_paths_add_no_series(client):
    def series(text: str) -> set:
        return {(name, tuple(sorted(labels.items()))) for name, labels, _ in samples(text)
                if name.startswith("vaultpay_http_")}

    def made_up_requests(method: str) -> None:
        assert client.open("/api/v1/wallets/me", method=method).status_code == 405
        assert client.open(f"/api/v1/{method}", method=method).status_code in (404, 405)
        assert client.get(f"/api/v1/{method.lower()}").status_code == 404

    made_up_requests("BREW")  # its series exist from now on, and so does the scrape's
    scrape_api(client)
    before = series(scrape_api(client))
    made_up = [f"X{uuid.uuid4().hex.upper()}" for _ in range(30)]
    for method in made_up:
        made_up_requests(method)
    text = scrape_api(client)

    assert series(text) == before
    assert not any(method in text for method in made_up)
    assert value(text, "vaultpay_http_requests_total", method="other", status="405") >= 30
