"""Starts, kills and restarts a real Celery worker (with embedded beat) for the tests."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CeleryWorker:
    def __init__(self, root: Path, log_dir: Path, env: dict[str, str], node: str = "test"):
        # node: the node-name prefix; several workers on one queue need distinct ones.
        self.root, self.log_dir, self.node = root, log_dir, node
        # Its pool's metrics: files of its own, served on a free port (docs/observability.md).
        self.metrics_port = _free_port()
        self.env = {**env, "PROMETHEUS_MULTIPROC_DIR": str(log_dir / "metrics"),
                    "WORKER_METRICS_PORT": str(self.metrics_port)}
        self.process: subprocess.Popen | None = None
        self.log_files: list[Path] = []

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}/metrics"

    def start(self, timeout_s: float = 30) -> None:
        log_file = self.log_dir / f"{self.node}-{len(self.log_files)}.log"
        self.log_files.append(log_file)
        queue = self.env["CELERY_QUEUE"]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers.app", "worker", "-B",
             "--loglevel", "INFO", "--concurrency", "2", "--queues", queue,
             "--hostname", f"{self.node}-{queue}-{len(self.log_files)}@%h",
             "--schedule", str(self.log_dir / f"{self.node}-beat-schedule")],
            cwd=self.root, env=self.env, stdout=log_file.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill takes the children
        )
        self._wait_ready(log_file, timeout_s)

    def _wait_ready(self, log_file: Path, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if "ready." in log_file.read_text():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{log_file.read_text()}")
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready in {timeout_s}s:\n{log_file.read_text()}")

    def kill(self) -> None:
        """SIGKILL the whole worker (parent and pool children): no chance to clean up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def logs(self) -> str:
        return "".join(path.read_text() for path in self.log_files if path.exists())
