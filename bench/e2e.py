"""Step 4: real HTTP clients, each its own process, submitting sends through gunicorn
(`POST /transactions/send` with an Idempotency-Key and the PIN) and polling
`GET /operations/{id}` every 50 ms until the send is final, then submitting the next one (closed
loop). Latencies are measured by the clients.

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

from bench.baseline import percentiles

PIN = "4826"


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


def _client(base_url: str, senders: list[tuple[str, str]], recipients: list[str],
            start_at: float, stop_at: float, poll_s: float, seed: int, out) -> None:
    rng = random.Random(seed)
    http = _Http(base_url)
    records = []  # (submit_start, submit_s, posted_s or None, http status, final status, polls)
    while time.time() < start_at:
        time.sleep(0.005)
    while time.time() < stop_at:
        token, wallet_id = rng.choice(senders)
        payee = wallet_id
        while payee == wallet_id:
            payee = rng.choice(recipients)
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
        body = {"recipient_wallet_id": payee, "amount": f"{rng.randint(100, 500) / 100:.2f}",
                "pin": PIN, "description": "bench"}
        began = time.time()
        try:
            submit_code, answer = http.call("POST", "/transactions/send", headers, body)
        except (OSError, http.client.HTTPException):
            records.append((began, time.time() - began, None, 0, "error", 0))
            continue
        submitted = time.time() - began
        if submit_code not in (200, 201, 202):
            records.append((began, submitted, None, submit_code, "rejected", 0))
            continue
        data = answer["data"]
        status, op_id = data["status"], data["operation_id"]
        deadline, polls = time.time() + 30, 0
        while status not in ("completed", "failed") and time.time() < deadline:
            time.sleep(poll_s)
            polls += 1
            try:
                code, answer = http.call("GET", f"/operations/{op_id}", headers)
                if code == 200:
                    status = answer["data"]["status"]
            except (OSError, http.client.HTTPException):
                pass
        posted = time.time() - began if status in ("completed", "failed") else None
        records.append((began, submitted, posted, submit_code, status, polls))
    out.put(records)


def run(base_url: str, accounts: list[tuple[str, str]], clients: int, duration_s: float,
        poll_s: float = 0.05) -> dict:
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    recipients = [wallet_id for _, wallet_id in accounts]
    start_at = time.time() + 3.0  # processes are up by then
    stop_at = start_at + duration_s
    procs = []
    for i in range(clients):
        senders = accounts[i::clients] or [accounts[i % len(accounts)]]
        proc = context.Process(target=_client, daemon=True,
                               args=(base_url, senders, recipients, start_at, stop_at, poll_s, i, out))
        proc.start()
        procs.append(proc)
    records = []
    for _ in procs:
        records.extend(out.get(timeout=duration_s + 120))
    for proc in procs:
        proc.join(timeout=10)
        if proc.is_alive():
            proc.kill()
    elapsed = max([r[0] + (r[2] or r[1]) for r in records] + [stop_at]) - start_at
    accepted = [r for r in records if r[3] in (200, 201, 202)]
    posted = [r for r in accepted if r[2] is not None]
    completed = [r for r in posted if r[4] == "completed"]
    statuses: dict[str, int] = {}
    for r in records:
        statuses[f"{r[3]} {r[4]}"] = statuses.get(f"{r[3]} {r[4]}", 0) + 1
    return {"clients": clients, "duration_s": round(elapsed, 2), "submitted": len(records),
            "accepted": len(accepted), "posted": len(posted), "completed": len(completed),
            "submits_per_s": len(accepted) / elapsed, "posted_per_s": len(posted) / elapsed,
            "tps": len(completed) / elapsed,
            "submit_latency_ms": percentiles(sorted(r[1] for r in accepted)),
            "submit_to_posted_ms": percentiles(sorted(r[2] for r in posted)),
            "outcomes": statuses, "poll_interval_ms": 1000 * poll_s,
            "polls": sum(r[5] for r in records)}


def bcrypt_checks_per_second(rounds: int = 12, seconds: float = 3.0) -> dict:
    """PIN checks per second on one core (one thread) at the production cost."""
    import bcrypt

    hashed = bcrypt.hashpw(PIN.encode(), bcrypt.gensalt(rounds))
    began, checks = time.perf_counter(), 0
    while time.perf_counter() - began < seconds or checks == 0:
        assert bcrypt.checkpw(PIN.encode(), hashed)
        checks += 1
    elapsed = time.perf_counter() - began
    return {"rounds": rounds, "checks": checks, "seconds": round(elapsed, 2),
            "checks_per_s": checks / elapsed, "ms_per_check": 1000 * elapsed / checks}
