"""`python -m embedded run -- COMMAND`: COMMAND with the embedded servers it needs."""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from embedded import EmbeddedRefused, plan
from embedded.servers import EmbeddedServers, die_with_parent

ROOT = Path(__file__).resolve().parent.parent


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
        child = subprocess.Popen(command, env=env, preexec_fn=die_with_parent)
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
