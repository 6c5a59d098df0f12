"""Step 5: the e2e step again while the live process holds idle connections (1,000 by
default: WebSockets of users the e2e step never pays, so that nothing but pings reaches
them), and the ratio of the two runs. API.md section 18: a thousand idle connections
must not slow the API down; a ratio near 1.0 says they do not.

The connections are held by a process of their own, so that neither the API nor the
e2e clients share an event loop or a file-descriptor budget with them."""
from __future__ import annotations

import asyncio
import json
import multiprocessing
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Callable

from chaos.stack import ROOT, free_port

WS_PATH = "/api/v1/notifications/ws"


def run(stack, run_dir: Path, idle_users: list[str], e2e_without: dict,
        e2e_again: Callable[[dict[str, int]], dict], connections: int = 1000) -> dict:
    """Start `live`, open the connections (`idle_users`' ids; several connections per
    user when there are fewer users), run `e2e_again` while they are held, given the
    pids of the live process and of the client holding the connections, so that their
    CPU is metered apart (not left in `unattributed`)."""
    tokens = _access_tokens(idle_users[:connections])
    port = free_port()
    live = subprocess.Popen([sys.executable, "-m", "live"], cwd=ROOT,
                            env={**stack.env, "LIVE_PORT": str(port)},
                            stdout=(run_dir / "live.log").open("a"), stderr=subprocess.STDOUT)
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    holder = context.Process(target=_hold, daemon=True,
                             args=(f"ws://127.0.0.1:{port}{WS_PATH}", tokens, connections, stop))
    try:
        _wait_healthy(port, live)
        holder.start()
        held = _wait_held(port, connections)
        with_them = e2e_again({"live": live.pid, "live_clients": holder.pid})
        still_held = _connections(port)
    finally:
        stop.set()
        holder.join(timeout=20)
        if holder.is_alive():
            holder.kill()
        live.terminate()
        live.wait(timeout=10)
    return {"connections_requested": connections, "connections_held": held,
            "connections_at_end": still_held, "e2e": with_them,
            "ratio": {name: _ratio(with_them, e2e_without, name)
                      for name in ("submits_per_s", "posted_per_s", "tps")},
            "submit_latency_p95_ratio": _ratio(with_them["submit_latency_ms"],
                                               e2e_without["submit_latency_ms"], "p95")}


def _access_tokens(user_ids: list[str]) -> list[str]:
    """Access tokens of these users, issued as login would (the bench's own settings:
    os.environ holds the stack's)."""
    import uuid

    import settings
    from web.auth import tokens

    current = settings.load()
    return [tokens.issue(current, user_id=uuid.UUID(user_id), email=f"idle-{i}@example.com",
                         role="user", typ=tokens.ACCESS, family_id=uuid.uuid4())[0]
            for i, user_id in enumerate(user_ids)]


def _ratio(numerator: dict, denominator: dict, name: str) -> float | None:
    below = denominator.get(name)
    return round(numerator[name] / below, 3) if below else None


def _connections(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
        return json.load(response)["connections"]


def _wait_healthy(port: int, live: subprocess.Popen, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if live.poll() is not None:
            raise RuntimeError("live exited; see live.log")
        try:
            _connections(port)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"live not ready within {timeout_s}s")


def _wait_held(port: int, wanted: int, timeout_s: float = 120) -> int:
    deadline, held = time.monotonic() + timeout_s, 0
    while time.monotonic() < deadline:
        held = _connections(port)
        if held >= wanted:
            return held
        time.sleep(0.5)
    return held  # reported as it is: a shortfall shows in the result


def _hold(url: str, tokens: list[str], connections: int, stop) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, connections + 256)), hard))
    asyncio.run(_hold_async(url, tokens, connections, stop))


async def _hold_async(url: str, tokens: list[str], connections: int, stop) -> None:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        gate = asyncio.Semaphore(50)  # open them briskly, not all in one burst

        async def one(i: int) -> None:
            headers = {"Authorization": f"Bearer {tokens[i % len(tokens)]}"}
            async with gate:
                ws = await http.ws_connect(url, headers=headers, autoping=True)
            async for _ in ws:  # reading answers the server's pings
                pass

        tasks = [asyncio.create_task(one(i)) for i in range(connections)]
        while not stop.is_set():
            await asyncio.sleep(0.2)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
