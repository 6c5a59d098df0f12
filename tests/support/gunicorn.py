"""A real gunicorn serving the app on a free port, for tests that need HTTP."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import requests

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Yields the base URL once /healthz answers; stops the server (and its workers)."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "wsgi:app", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--worker-class", "gthread", "--threads", "4", "--no-control-socket"],
        cwd=ROOT, env=env or dict(os.environ), stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base_url, process, log)
        yield base_url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_healthy(base_url: str, process: subprocess.Popen, log: Path, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()}")
        try:
            if requests.get(f"{base_url}/healthz", timeout=3).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or the worker still booting
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server not healthy within {timeout_s} s:\n{log.read_text()}")
