"""Steps e2e and idle: real HTTP clients, each its own process, sending money through
gunicorn (`POST /transactions/send` with an Idempotency-Key and the PIN) in a closed
loop. Latencies are measured by the clients.

Two ways to learn the outcome:
- `wait` (the default, as the README teaches): the send carries `Prefer: wait=5`; a
  201 is final, and only a 202 (not finished within the wait) is polled, every 50 ms.
- `poll` (the old mode, `--poll-mode`): no Prefer header; `GET /operations/{id}`
  every 50 ms until the operation is final.

The idle step is one client sending 200 times in a row with `Prefer: wait`: what one
send costs a user when nothing else is happening.

The clients speak HTTP/1.1 with keep-alive through the standard library's http.client
rather than requests: they share the machine with the system under test, and requests
spent about 4 ms of CPU per call, which the API then lacked."""
from __future__ import annotations

import http.client
import json
import multiprocessing
import random
import time
import uuid
from dataclasses import dataclass

from bench.baseline import percentiles

PIN = "4826"
WAIT, POLL = "wait", "poll"
PREFER_WAIT_S = 5
POLL_S = 0.05
FINAL = ("completed", "failed")
ACCEPTED = (200, 201, 202)


class _Http:
    """One keep-alive connection; reconnects once after the server closed it."""

    def __init__(self, base_url: str):
        host_port = base_url.split("://", 1)[1].rstrip("/")
        self.host, _, port = host_port.partition(":")
        self.port = int(port or 80)
        self.conn = None

    def call(self, method: str, path: str, headers: dict, body: dict | None = None):
        payload = None if body is None else json.dumps(body)
        if payload is not None:
            headers = {**headers, "Content-Type": "application/json"}
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=15)
            try:
                self.conn.request(method, "/api/v1" + path, body=payload, headers=headers)
                response = self.conn.getresponse()
                return response.status, json.loads(response.read() or b"null")
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


@dataclass(frozen=True)
class Plan:
    """What one client process does: for `duration_s` once told to go, or `max_sends`
    sends."""

    base_url: str
    senders: list[tuple[str, str]]
    recipients: list[str]
    duration_s: float
    mode: str
    seed: int
    max_sends: int | None = None


# (submit_start, submit_s, final_s or None, http status, final status, polls)
Record = tuple[float, float, float | None, int, str, int]


def _send_once(http: _Http, plan: Plan, rng: random.Random) -> Record:
    token, wallet_id = rng.choice(plan.senders)
    payee = wallet_id
    while payee == wallet_id:
        payee = rng.choice(plan.recipients)
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
    if plan.mode == WAIT:
        headers["Prefer"] = f"wait={PREFER_WAIT_S}"
    body = {"recipient_wallet_id": payee, "amount": f"{rng.randint(100, 500) / 100:.2f}",
            "pin": PIN, "description": "bench"}
    began = time.time()
    try:
        submit_code, answer = http.call("POST", "/transactions/send", headers, body)
    except (OSError, http.client.HTTPException):
        return began, time.time() - began, None, 0, "error", 0
    submitted = time.time() - began
    if submit_code not in ACCEPTED:
        return began, submitted, None, submit_code, "rejected", 0
    status, polls = _follow(http, headers, answer["data"])
    final = time.time() - began if status in FINAL else None
    return began, submitted, final, submit_code, status, polls


def _follow(http: _Http, headers: dict, data: dict) -> tuple[str, int]:
    """Poll until final; nothing to do when the answer already was (a 201)."""
    status, op_id = data["status"], data["operation_id"]
    deadline, polls = time.time() + 30, 0
    while status not in FINAL and time.time() < deadline:
        time.sleep(POLL_S)
        polls += 1
        try:
            code, answer = http.call("GET", f"/operations/{op_id}", headers)
            if code == 200:
                status = answer["data"]["status"]
        except (OSError, http.client.HTTPException):
            pass
    return status, polls


def _client(plan: Plan, ready, go, start_at, out) -> None:
    rng = random.Random(plan.seed)
    http = _Http(plan.base_url)
    records: list[Record] = []
    ready.put(plan.seed)
    go.wait()
    stop_at = start_at.value + plan.duration_s
    while time.time() < stop_at and (plan.max_sends is None or len(records) < plan.max_sends):
        records.append(_send_once(http, plan, rng))
    out.put(records)


def run(base_url: str, accounts: list[tuple[str, str]], clients: int, duration_s: float,
        mode: str = WAIT, max_sends: int | None = None) -> dict:
    """`clients` closed-loop client processes for `duration_s` (or `max_sends` each),
    started together once every one of them is up (on a loaded machine, spawning
    sixteen interpreters takes a while)."""
    context = multiprocessing.get_context("spawn")
    ready, out, go = context.Queue(), context.Queue(), context.Event()
    start_at = context.Value("d", 0.0)
    recipients = [wallet_id for _, wallet_id in accounts]
    procs = []
    for i in range(clients):
        plan = Plan(base_url, accounts[i::clients] or [accounts[i % len(accounts)]], recipients,
                    duration_s, mode, i, max_sends)
        proc = context.Process(target=_client, daemon=True, args=(plan, ready, go, start_at, out))
        proc.start()
        procs.append(proc)
    for _ in procs:
        ready.get(timeout=120)
    start_at.value = time.time()
    go.set()
    records: list[Record] = []
    for _ in procs:
        records.extend(out.get(timeout=duration_s + 120))
    for proc in procs:
        proc.join(timeout=10)
        if proc.is_alive():
            proc.kill()
    stop_at = start_at.value + (duration_s if max_sends is None else 0)
    return summarise(records, clients, mode, start_at.value, stop_at)


def idle(base_url: str, accounts: list[tuple[str, str]], sends: int = 200,
         time_box_s: float = 300) -> dict:
    """One client, `sends` sends in a row with Prefer: wait."""
    return run(base_url, accounts, 1, time_box_s, WAIT, max_sends=sends)


def summarise(records: list[Record], clients: int, mode: str, start_at: float,
              stop_at: float) -> dict:
    ended = max([r[0] + (r[2] or r[1]) for r in records] + [stop_at])
    elapsed = max(ended - start_at, 1e-9)
    accepted = [r for r in records if r[3] in ACCEPTED]
    final = [r for r in accepted if r[2] is not None]
    completed = [r for r in final if r[4] == "completed"]
    outcomes: dict[str, int] = {}
    for r in records:
        outcomes[f"{r[3]} {r[4]}"] = outcomes.get(f"{r[3]} {r[4]}", 0) + 1
    return {"clients": clients, "mode": mode, "duration_s": round(elapsed, 2),
            "prefer_wait_s": PREFER_WAIT_S if mode == WAIT else None,
            "poll_interval_ms": 1000 * POLL_S,
            "submitted": len(records), "accepted": len(accepted), "posted": len(final),
            "completed": len(completed), "finished_in_wait": sum(r[3] == 201 for r in records),
            "submits_per_s": len(accepted) / elapsed, "posted_per_s": len(final) / elapsed,
            "tps": len(completed) / elapsed,
            # The submit's own answer: with Prefer: wait, it includes the wait.
            "submit_latency_ms": percentiles(sorted(r[1] for r in accepted)),
            "submit_to_posted_ms": percentiles(sorted(r[2] for r in final)),
            "outcomes": outcomes, "polls": sum(r[5] for r in records)}


def bcrypt_checks_per_second(rounds: int = 12, seconds: float = 3.0) -> dict:
    """Password checks per second on one core (one thread) at the production cost."""
    import bcrypt

    hashed = bcrypt.hashpw(PIN.encode(), bcrypt.gensalt(rounds))
    began, checks = time.perf_counter(), 0
    while time.perf_counter() - began < seconds or checks == 0:
        assert bcrypt.checkpw(PIN.encode(), hashed)
        checks += 1
    elapsed = time.perf_counter() - began
    return {"rounds": rounds, "checks": checks, "seconds": round(elapsed, 2),
            "checks_per_s": checks / elapsed, "ms_per_check": 1000 * elapsed / checks}
