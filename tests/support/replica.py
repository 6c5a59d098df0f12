"""A private PostgreSQL primary and a streaming replica of it, on free ports in a
temporary directory: initdb for the primary, pg_basebackup -R for the replica. The
server binaries refuse to run as root, so they run as the `postgres` OS user then."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

BIN = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]) if glob.glob(
    "/usr/lib/postgresql/*/bin") else Path("/usr/bin")
OS_USER = "postgres"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrimaryAndReplica:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="vp-replica-"))
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            entry = pwd.getpwnam(OS_USER)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self.primary_port, self.replica_port = _free_port(), _free_port()

    def url(self, database: str, replica: bool = False, driver: str = "postgresql") -> str:
        port = self.replica_port if replica else self.primary_port
        return f"{driver}://postgres@127.0.0.1:{port}/{database}"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", OS_USER, "--"] if self.as_postgres else []
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{command[0]} failed: {done.stdout}{done.stderr}")

    def _start(self, data: Path, port: int) -> None:
        options = (f"-p {port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off"
                   " -c shared_buffers=16MB -c max_connections=40")
        self._run(str(BIN / "pg_ctl"), "-D", str(data), "-o", options,
                  "-l", str(self.dir / f"{data.name}.log"), "-w", "-t", "60", "start")

    def start(self) -> None:
        primary, replica = self.dir / "primary", self.dir / "replica"
        self._run(str(BIN / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust",
                  "--no-sync")
        self._start(primary, self.primary_port)
        self._run(str(BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary_port),
                  "-U", "postgres", "-D", str(replica), "-R", "-X", "stream", "--no-sync")
        self._start(replica, self.replica_port)

    def create_database(self, name: str) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.wait_replayed()

    def wait_replayed(self, timeout_s: float = 30) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            target = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = time.monotonic() + timeout_s
        with psycopg.connect(self.url("postgres", replica=True), autocommit=True) as conn:
            while not conn.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn",
                                   (target,)).fetchone()[0]:
                if time.monotonic() > deadline:
                    raise RuntimeError("the replica did not catch up")
                time.sleep(0.1)

    def replica_sql(self, sql: str) -> None:
        with psycopg.connect(self.url("postgres", replica=True), autocommit=True) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        for data in ("replica", "primary"):
            if (self.dir / data / "postmaster.pid").exists():
                try:
                    self._run(str(BIN / "pg_ctl"), "-D", str(self.dir / data), "-m", "immediate",
                              "-w", "stop")
                except RuntimeError:
                    pass
        shutil.rmtree(self.dir, ignore_errors=True)
