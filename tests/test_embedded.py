"""`make up` on a machine with no PostgreSQL and no Redis: with EMBEDDED=1 (so that it
can be shown here, where both exist) the stack boots on the embedded servers, on ports
of its own, completes a send through the API, and Ctrl-C leaves nothing running."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import psycopg
import pytest
import requests

import embedded
from tests.conftest import ROOT
from tests.support.api import Api
from tests.support.gunicorn import free_port
from tests.support.http import HttpClient
from tests.support.waiting import eventually

# What a user's shell has; none of the test run's own settings or server URLs.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "TMPDIR")


@pytest.fixture()
def stack(tmp_path):
    ports = {name: str(free_port()) for name in
             ("EMBEDDED_PG_PORT", "EMBEDDED_REDIS_PORT", "API_PORT", "FLOWER_PORT",
              "WORKER_METRICS_PORT")}
    env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
    env.update(ports, EMBEDDED="1", BCRYPT_ROUNDS="4", PYTHONUNBUFFERED="1",
               CELERY_QUEUE=f"vp-embedded-{ports['API_PORT']}")
    log = tmp_path / "up.log"
    # What `make up` runs once the venv is installed.
    process = subprocess.Popen(
        [sys.executable, "-m", "embedded", "run", "--data", str(tmp_path / "embedded"), "--",
         "bash", "scripts/up.sh"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True)  # its own process group: the "terminal" Ctrl-C goes to
    stack = Stack(process, log, ports, tmp_path / "embedded")
    try:
        yield stack
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Stack:
    def __init__(self, process, log, ports, data):
        self.process, self.log, self.ports, self.data = process, log, ports, data
        self.base_url = f"http://127.0.0.1:{ports['API_PORT']}"

    def wait_ready(self, timeout_s: float = 180) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"make up exited:\n{self.log.read_text()}"
            try:
                if requests.get(f"{self.base_url}/readyz", timeout=3).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise AssertionError(f"not ready in {timeout_s} s:\n{self.log.read_text()}")

    def every_process(self) -> set[int]:
        """The runner, everything under it, and the servers with their own children."""
        servers = [int(pid) for pid in (self.data / "embedded.pids").read_text().split()]
        pids = {self.process.pid, *servers}
        for pid in [self.process.pid, *servers]:
            pids.update(child.pid for child in psutil.Process(pid).children(recursive=True))
        return pids

    def ctrl_c(self, timeout_s: float = 90) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=timeout_s)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_make_up_on_embedded_servers_sends_money_and_ctrl_c_leaves_nothing(stack):
    stack.wait_ready()
    banner = stack.log.read_text()
    assert f"PostgreSQL   embedded, 127.0.0.1:{stack.ports['EMBEDDED_PG_PORT']}" in banner
    assert f"Redis        embedded (Valkey), 127.0.0.1:{stack.ports['EMBEDDED_REDIS_PORT']}" in banner

    database = f"postgresql://postgres@127.0.0.1:{stack.ports['EMBEDDED_PG_PORT']}/vaultpay"
    with psycopg.connect(database, autocommit=True) as db:
        api = Api(HttpClient(stack.base_url), db)
        sender, recipient = api.wallet(funds="500.00"), api.wallet()
        sent = api.send(sender, recipient, "120.50", wait=20)
        assert sent.status_code == 201, sent.json
        assert sent.json["data"]["status"] == "completed"
        assert api.balance(sender) == "379.50"
        assert api.balance(recipient) == "120.50"

    running = stack.every_process()
    assert len(running) > 6  # runner, honcho, gunicorn, celery, beat, flower, servers
    stack.ctrl_c()
    eventually(lambda: not any(map(_alive, running)), 30, interval_s=0.2)
    assert [pid for pid in running if _alive(pid)] == []
    for port in ("EMBEDDED_PG_PORT", "EMBEDDED_REDIS_PORT", "API_PORT", "FLOWER_PORT"):
        assert not embedded.answering(int(stack.ports[port])), f"{port} still answers"
