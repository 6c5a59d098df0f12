"""RabbitMQ as the broker, whatever broker this run's session uses: a virtual host of
its own for each test, a real worker on it, jobs published by a separate process
configured as the API would be (CELERY_BROKER_URL=amqp://...), and Flower on it."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
import requests
from kombu import Connection, Queue

from embedded import rabbitmq
from tests.conftest import ROOT
from tests.support.worker import CeleryWorker
from tests.test_metrics import scrape_api, value
from web.app import create_app

RABBITMQ_URL = os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")
SWEEP = "workers.sweep_stuck_operations"


@pytest.fixture()
def amqp_env():
    vhost = f"vp-test-{uuid.uuid4().hex[:10]}"
    url = rabbitmq.create_vhost(RABBITMQ_URL, vhost)
    queue = f"vp-rmq-{uuid.uuid4().hex[:8]}"
    try:
        yield {**os.environ, "CELERY_BROKER_URL": url, "CELERY_QUEUE": queue,
               "RABBITMQ_VHOST": vhost}
    finally:
        rabbitmq.delete_vhost(vhost)


@pytest.fixture()
def amqp_worker(amqp_env, database_url, tmp_path):
    worker = CeleryWorker(ROOT, tmp_path, amqp_env)
    worker.start(timeout_s=60)
    yield worker
    worker.stop()


def _python(env: dict, code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _publish(env: dict, task_name: str, countdown: float | None = None) -> str:
    return _python(env, "from workers.app import celery; print(celery.send_task("
                        f"{task_name!r}, countdown={countdown!r}).id)").strip()


def _eventually(condition, timeout_s: float = 30) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _succeeded(worker: CeleryWorker, task_id: str) -> bool:
    return f"{task_id}] succeeded" in worker.logs()


def test_under_an_amqp_url_celery_uses_the_documented_at_least_once_settings(amqp_env):
    conf = json.loads(_python(amqp_env, (
        "import json; from workers.app import celery; c = celery.conf;"
        "q = celery.amqp.queues[c.task_default_queue];"
        "print(json.dumps({'args': q.queue_arguments, 'exchange': q.exchange.type,"
        " 'transport': c.broker_transport_options, 'acks_late': c.task_acks_late,"
        " 'reject_on_lost': c.task_reject_on_worker_lost, 'prefetch': c.worker_prefetch_multiplier,"
        " 'detect_quorum': c.worker_detect_quorum_queues,"
        " 'cancel_on_loss': c.worker_cancel_long_running_tasks_on_connection_loss}))")))
    assert conf["args"] == {"x-queue-type": "quorum"}
    assert conf["exchange"] == "topic"  # native delayed delivery refuses a direct exchange
    assert conf["transport"] == {"confirm_publish": True}
    assert conf["acks_late"] and conf["reject_on_lost"] and conf["prefetch"] == 1
    assert conf["detect_quorum"] and conf["cancel_on_loss"]


@pytest.mark.timeout(120)
def test_on_rabbitmq_the_queue_is_a_quorum_queue_and_a_sub_second_retry_still_arrives(
        amqp_env, amqp_worker):
    listed = rabbitmq.ctl("list_queues", "--vhost", amqp_env["RABBITMQ_VHOST"],
                          "--no-table-headers", "name", "type")
    types = dict(line.split() for line in listed.splitlines() if line.strip())
    assert types[amqp_env["CELERY_QUEUE"]] == "quorum"
    # The email and webhook retries wait fractions of a second in the tests (and a
    # posting retry may): Celery's native delayed delivery rejected those for good.
    task_id = _publish(amqp_env, SWEEP, countdown=0.3)
    assert _eventually(lambda: _succeeded(amqp_worker, task_id)), amqp_worker.logs()[-3000:]


@pytest.mark.timeout(120)
def test_after_rabbitmq_closes_every_connection_the_worker_reconnects_and_takes_jobs(
        amqp_env, amqp_worker):
    before = _publish(amqp_env, SWEEP)
    assert _eventually(lambda: _succeeded(amqp_worker, before))
    connected = amqp_worker.logs().count("Connected to amqp")
    assert rabbitmq.close_connections(amqp_env["RABBITMQ_VHOST"], "test: broker fault") >= 1
    assert _eventually(lambda: amqp_worker.logs().count("Connected to amqp") > connected)
    after = _publish(amqp_env, SWEEP)
    assert _eventually(lambda: _succeeded(amqp_worker, after)), amqp_worker.logs()[-3000:]
    assert amqp_worker.process.poll() is None


@pytest.mark.timeout(120)
def test_flower_on_rabbitmq_sees_the_worker_and_its_jobs(amqp_env, amqp_worker, tmp_path):
    port = _free_port()
    env = {**amqp_env, "FLOWER_BASIC_AUTH": "vaultpay:flower-test-password",
           "FLOWER_PORT": str(port), "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}"}
    log = tmp_path / "flower.log"
    flower = subprocess.Popen(["sh", "scripts/flower.sh", "--address=127.0.0.1"], cwd=ROOT,
                              env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                              start_new_session=True)
    auth = ("vaultpay", "flower-test-password")
    base = f"http://127.0.0.1:{port}"
    try:
        task_id = _publish(amqp_env, SWEEP)
        assert _eventually(lambda: _succeeded(amqp_worker, task_id))
        assert _eventually(lambda: amqp_env["CELERY_QUEUE"] in " ".join(
            _flower_json(f"{base}/api/workers?refresh=1", auth) or {}), timeout_s=60), log.read_text()
        again = _publish(amqp_env, SWEEP)  # Flower listens to events from now on
        assert _eventually(lambda: (_flower_json(f"{base}/api/task/info/{again}", auth) or {})
                           .get("state") == "SUCCESS"), log.read_text()[-2000:]
    finally:
        os.killpg(flower.pid, 15)
        flower.wait(timeout=15)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _flower_json(url: str, auth: tuple[str, str]):
    try:
        response = requests.get(url, auth=auth, timeout=5)
    except requests.RequestException:
        return None
    return response.json() if response.status_code == 200 else None


def test_readiness_and_the_queue_depth_gauge_read_a_rabbitmq_broker(amqp_env, database_url):
    queue = amqp_env["CELERY_QUEUE"]
    with Connection(amqp_env["CELERY_BROKER_URL"]) as conn:
        Queue(queue, durable=True, queue_arguments={"x-queue-type": "quorum"})(
            conn.default_channel).declare()
        producer = conn.Producer()
        for _ in range(3):
            producer.publish({"waiting": True}, routing_key=queue)
    app = create_app(test_config={"celery_broker_url": amqp_env["CELERY_BROKER_URL"],
                                  "celery_queue": queue})
    client = app.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.json
    text = scrape_api(client)
    assert value(text, "vaultpay_metrics_source_up", source="broker") == 1
    assert value(text, "vaultpay_queue_depth", queue=queue) == 3
