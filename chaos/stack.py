"""The stack under test, all of it owned by one chaos run: a throwaway PostgreSQL
database on the shared server, a private redis-server on a free port (the shared one
on 6379 is never touched), gunicorn, one or more prefork Celery worker nodes and celery
beat. With `broker="rabbitmq"` the broker is a virtual host of its own on the shared
RabbitMQ (made here, deleted by stop(); the server itself is never stopped).

Everything started here is started in a process group of its own, so that a kill
reaches the children, and everything is stopped (and the database dropped) by stop().
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import psycopg
import requests

from embedded import rabbitmq
from embedded.pgbouncer import PgBouncer

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
ADMIN_URL = os.environ.get("CHAOS_ADMIN_DATABASE_URL",
                           "postgresql://postgres@127.0.0.1:5432/postgres")
WALLET_LOCK_TTL_MS = 1500
RABBITMQ_URL = os.environ.get("CHAOS_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _bin(name: str) -> str:
    candidate = VENV_BIN / name
    return str(candidate) if candidate.exists() else name


class Stack:
    def __init__(self, run_dir: Path, kill_after_commit: float, broker: str = "redis",
                 pooler: str = "none"):
        self.run_id = uuid.uuid4().hex[:10]
        # The API, workers, beat and migrations go through it; the checker does not.
        self.pooler = PgBouncer() if pooler == "pgbouncer" else None
        self.broker = broker
        self.vhost = f"vp-chaos-{self.run_id}" if broker == "rabbitmq" else None
        # "worker", then "worker-2", ...: separate nodes draining one queue.
        self.workers = ["worker"]
        self.run_dir = run_dir
        self.db_name = f"vp_chaos_{self.run_id}"
        self.database_url = (ADMIN_URL.rsplit("/", 1)[0] + f"/{self.db_name}")
        self.redis_port = free_port()
        self.api_port = free_port()
        self.base_url = f"http://127.0.0.1:{self.api_port}"
        self.kill_after_commit = kill_after_commit
        self.locks_enabled = True
        self.api_args: list[str] = []
        self.procs: dict[str, subprocess.Popen] = {}
        self.starts: dict[str, int] = {}
        self.env = self._environment()

    # --- configuration ----------------------------------------------------------------
    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "VAULTPAY_ENV": "chaos",
            "DATABASE_URL": (self.pooler.url(self.db_name, driver="postgresql+psycopg")
                             if self.pooler else
                             self.database_url.replace("postgresql://", "postgresql+psycopg://")),
            "DATABASE_TRANSACTION_POOLING": "1" if self.pooler else "0",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CELERY_BROKER_URL": (rabbitmq.with_vhost(RABBITMQ_URL, self.vhost) if self.vhost
                                  else f"redis://127.0.0.1:{self.redis_port}/1"),
            # Several nodes on one host: none serves the metrics port.
            "WORKER_METRICS_PORT": "0",
            "CELERY_QUEUE": "vp-chaos",
            "BCRYPT_ROUNDS": "4",
            "ACCESS_TOKEN_MINUTES": "240",
            "LOGIN_RATE_PER_IP": "1000000",
            "LOGIN_RATE_PER_EMAIL": "1000000",
            "REGISTER_RATE_PER_IP": "1000000",
            "SEND_RATE_PER_MINUTE": "1000000",
            "TOPUP_RATE_PER_MINUTE": "1000000",
            "WITHDRAW_RATE_PER_MINUTE": "1000000",
            "PAYOUT_RATE_PER_MINUTE": "1000000",
            # Short clocks: a SIGSTOP longer than the lock TTL takes seconds, the
            # sweeper re-sends lost messages within seconds, and the visibility timeout
            # stays above twice the hard time limit.
            "WALLET_LOCK_TTL_MS": str(WALLET_LOCK_TTL_MS),
            "TASK_SOFT_TIME_LIMIT": "4",
            "TASK_TIME_LIMIT": "5",
            "VISIBILITY_TIMEOUT": "12",
            "SWEEP_INTERVAL_S": "1",
            "OUTBOX_GRACE_S": "2",
            "STUCK_OPERATION_S": "6",
            "MAX_POSTING_DELIVERIES": "10",
            "RECONCILE_INTERVAL_S": "30",
            # Holds the clients age past their expiry are released within a second.
            "HOLD_EXPIRY_INTERVAL_S": "1",
            "SMTP_HOST": "",
            "MAIL_DIR": str(self.run_dir / "mail"),
            "PYTHONUNBUFFERED": "1",
        })
        env.pop("CHAOS_KILL_AFTER_COMMIT_PROBABILITY", None)
        return env

    def _env_for(self, name: str) -> dict[str, str]:
        env = dict(self.env)
        if name == "api" and self.kill_after_commit:
            env["CHAOS_KILL_AFTER_COMMIT_PROBABILITY"] = str(self.kill_after_commit)
        if name.startswith("worker-"):  # one host's metrics port belongs to the first node
            env["WORKER_METRICS_PORT"] = "0"
        if name.startswith("worker"):
            env["WALLET_LOCKS_ENABLED"] = "1" if self.locks_enabled else "0"
        return env

    def _command(self, name: str) -> list[str]:
        if name == "redis":
            return ["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port),
                    "--save", "", "--appendonly", "no", "--dir", str(self.run_dir),
                    "--maxmemory-policy", "noeviction"]
        if name == "api":
            return [_bin("gunicorn"), "wsgi:app", "--bind", f"127.0.0.1:{self.api_port}",
                    "--worker-class", "gthread", "--workers", "2", "--threads", "16",
                    "--timeout", "30", "--graceful-timeout", "2", "--no-control-socket",
                    *self.api_args]
        if name.startswith("worker"):
            return [_bin("celery"), "-A", "workers.app", "worker", "--loglevel", "INFO",
                    "--pool", "prefork", "--concurrency", "2", "--queues", "vp-chaos",
                    "--hostname", f"chaos-{self.run_id}-{name}-{self.starts.get(name, 0)}@%h",
                    "--without-gossip", "--without-mingle"]
        if name == "beat":
            return [_bin("celery"), "-A", "workers.app", "beat", "--loglevel", "INFO",
                    "--schedule", str(self.run_dir / "beat-schedule")]
        raise KeyError(name)

    # --- database ---------------------------------------------------------------------
    def create_broker(self) -> None:
        if self.vhost:
            rabbitmq.create_vhost(RABBITMQ_URL, self.vhost)

    def drop_broker(self) -> None:
        if self.vhost:
            rabbitmq.delete_vhost(self.vhost)

    def close_broker_connections(self) -> int:
        return rabbitmq.close_connections(self.vhost, "chaos: broker connection fault")

    def create_database(self) -> None:
        if self.pooler:
            self.pooler.start()
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        subprocess.run([_bin("alembic"), "-x", f"url={self.env['DATABASE_URL']}", "upgrade", "head"],
                       cwd=ROOT, env=self.env, check=True, capture_output=True)

    def drop_database(self) -> None:
        if self.pooler:
            self.pooler.stop()
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.database_url, autocommit=True, connect_timeout=5,
                               application_name="vp-chaos-checker")

    # --- processes --------------------------------------------------------------------
    def start(self, name: str, wait: bool = True) -> None:
        self.starts[name] = self.starts.get(name, 0) + 1
        log = (self.run_dir / f"{name}.log").open("a")
        log.write(f"\n=== chaos: start {name} #{self.starts[name]} at {time.time():.3f}\n")
        log.flush()
        self.procs[name] = subprocess.Popen(
            self._command(name), cwd=ROOT, env=self._env_for(name), stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)
        if wait:
            self.wait_ready(name)

    def wait_ready(self, name: str, timeout_s: float = 40) -> None:
        check = ({"redis": self._redis_ready, "api": self._api_ready, "beat": lambda: True}
                 .get(name) or (lambda: self._worker_ready(name)))
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.procs[name].poll() is not None:
                raise RuntimeError(f"{name} exited; see {self.run_dir / (name + '.log')}")
            if check():
                return
            time.sleep(0.1)
        raise RuntimeError(f"{name} not ready within {timeout_s}s")

    def _redis_ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def _api_ready(self) -> bool:
        try:
            return requests.get(self.base_url + "/healthz", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def _worker_ready(self, name: str) -> bool:
        text = (self.run_dir / f"{name}.log").read_text(errors="replace")
        return text.rsplit(f"=== chaos: start {name} ", 1)[-1].find(" ready.") >= 0

    def alive(self, name: str) -> bool:
        proc = self.procs.get(name)
        return proc is not None and proc.poll() is None

    def pid(self, name: str) -> int:
        return self.procs[name].pid

    def children(self, name: str) -> list[int]:
        """Direct children of a process (the prefork pool, gunicorn's workers)."""
        parent = self.pid(name)
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(entry.name))
        return found

    def signal_group(self, name: str, sig: int) -> None:
        try:
            os.killpg(self.pid(name), sig)
        except ProcessLookupError:
            pass

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group (parent and children), then reap it."""
        if name not in self.procs:
            return
        self.signal_group(name, signal.SIGCONT)  # a stopped group must die too
        self.signal_group(name, signal.SIGKILL)
        try:
            self.procs[name].wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass

    def set_worker_nodes(self, count: int) -> None:
        """Start or stop worker nodes until `count` drain the queue."""
        while len(self.workers) < count:
            self.workers.append(f"worker-{len(self.workers) + 1}")
            self.start(self.workers[-1])
        while len(self.workers) > count:
            self.kill(self.workers.pop())

    def restart(self, name: str, wait: bool = True) -> None:
        self.kill(name)
        self.start(name, wait=wait)

    def stop(self) -> None:
        for name in ("api", "beat", *self.workers, "redis"):
            proc = self.procs.get(name)
            if proc is None or proc.poll() is not None:
                continue
            self.signal_group(name, signal.SIGCONT)
            self.signal_group(name, signal.SIGTERM)
            try:
                proc.wait(timeout=8)
            except subprocess.TimeoutExpired:
                self.kill(name)
        # Pool children outlive a parent killed with SIGKILL only until they notice;
        # take the groups down for good.
        for name in self.procs:
            self.signal_group(name, signal.SIGKILL)
