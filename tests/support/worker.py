"""Starts, kills and restarts a real Celery worker (with embedded beat) for the tests."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


class CeleryWorker:
    def __init__(self, root: Path, log_dir: Path, env: dict[str, str]):
        self.root, self.log_dir, self.env = root, log_dir, env
        self.process: subprocess.Popen | None = None
        self.log_files: list[Path] = []

    def start(self, timeout_s: float = 30) -> None:
        log_file = self.log_dir / f"worker-{len(self.log_files)}.log"
        self.log_files.append(log_file)
        queue = self.env["CELERY_QUEUE"]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers.app", "worker", "-B",
             "--loglevel", "INFO", "--concurrency", "2", "--queues", queue,
             "--hostname", f"test-{queue}-{len(self.log_files)}@%h",
             "--schedule", str(self.log_dir / "beat-schedule")],
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
