"""A private PgBouncer in transaction pooling mode, on a free port, with its config in a
temporary directory, in front of the shared PostgreSQL (for `make test-pgbouncer` and
`make chaos POOLER=pgbouncer`). It refuses to run as root, so it drops to the
`postgres` OS user then."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BINARY = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"

CONFIG = """\
[databases]
; Every database of the server. connect_query: the socket check our engines ask for
; with a startup option, which PgBouncer does not pass on (db/session.py).
* = host={host} port={port} connect_query='SET client_connection_check_interval = 1000'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen_port}
unix_socket_dir =
auth_type = trust
auth_file = {dir}/users.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = {pool_size}
reserve_pool_size = 10
ignore_startup_parameters = extra_float_digits,options
logfile = {dir}/pgbouncer.log
pidfile = {dir}/pgbouncer.pid
admin_users = {user}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PgBouncer:
    def __init__(self, server_host: str = "127.0.0.1", server_port: int = 5432,
                 user: str = "postgres", pool_size: int = 40):
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="vp-pgbouncer-"))
        (self.dir / "pgbouncer.ini").write_text(CONFIG.format(
            host=server_host, port=server_port, listen_port=self.port, dir=self.dir, user=user,
            pool_size=pool_size))
        (self.dir / "users.txt").write_text(f'"{user}" ""\n')
        self.run_as = "postgres" if os.geteuid() == 0 else None
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            for path in (self.dir, *self.dir.iterdir()):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self.process: subprocess.Popen | None = None

    def url(self, database: str, user: str = "postgres", driver: str = "postgresql") -> str:
        return f"{driver}://{user}@127.0.0.1:{self.port}/{database}"

    def start(self, timeout_s: float = 15) -> None:
        command = [BINARY, *(["-u", self.run_as] if self.run_as else []),
                   str(self.dir / "pgbouncer.ini")]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=(self.dir / "stderr.log").open("w"),
                                        start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pgbouncer exited: {self.logs()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"pgbouncer not listening in {timeout_s}s: {self.logs()}")

    def logs(self) -> str:
        return "".join(path.read_text(errors="replace")
                       for path in (self.dir / "pgbouncer.log", self.dir / "stderr.log")
                       if path.exists())

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
