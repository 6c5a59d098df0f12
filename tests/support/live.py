"""Starts and stops the real live-notification process (`python -m live`) for the
tests, on a free port, and reads its streams with real WebSocket and SSE clients."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.worker import _free_port


class LiveServer:
    def __init__(self, root: Path, log_file: Path, env: dict[str, str]):
        self.root, self.log_file = root, log_file
        self.port = _free_port()
        # Short clocks so that a revoked token's connection closes within a test's patience.
        self.env = {**env, "LIVE_PORT": str(self.port), "LIVE_AUTH_CHECK_S": "0.5",
                    "LIVE_HEARTBEAT_S": "5"}
        self.process: subprocess.Popen | None = None

    def url(self, path: str, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def start(self, timeout_s: float = 20) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "live"], cwd=self.root, env=self.env,
            stdout=self.log_file.open("w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"live exited:\n{self.log_file.read_text()}")
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"live not ready in {timeout_s}s:\n{self.log_file.read_text()}")

    def connections(self) -> int:
        with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:
            return json.load(response)["connections"]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def parse_sse(buffer: str) -> tuple[list[dict], str]:
    """Complete SSE events in `buffer` (as dicts of their fields) and the rest."""
    events = []
    while "\n\n" in buffer:
        block, buffer = buffer.split("\n\n", 1)
        fields: dict = {}
        for line in block.splitlines():
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields[name] = value[1:] if value.startswith(" ") else value
        if "data" in fields:
            events.append(fields)
    return events, buffer
