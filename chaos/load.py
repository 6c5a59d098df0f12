"""The load: wallets set up through the API, clients doing random money calls (each
lost answer retried with the same Idempotency-Key): sends, small bulk payouts, top-ups,
withdrawals, holds and their captures and voids, with some holds aged past their expiry
so that the expiry job races the captures and voids; balance reads, and a snapshot
reader that sums every balance in one SQL statement."""
from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import requests

from chaos.stack import Stack

PASSWORD = "chaos horse battery staple"
PIN = "4826"
INITIAL_FUNDS = Decimal("300.00")
# How long a client keeps retrying one request through API/Redis/PostgreSQL outages.
RETRY_WINDOW_S = 60


@dataclass
class Account:
    email: str
    token: str
    wallet_id: str

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Ledger:
    """What the clients saw, shared by every client thread (guarded by `lock`)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    accepted: dict[str, dict] = field(default_factory=dict)  # operation_id -> what was sent
    ids_by_key: dict[str, set] = field(default_factory=dict)
    rejected: Counter = field(default_factory=Counter)  # "status CODE" -> count
    unanswered: list[dict] = field(default_factory=list)
    retries: Counter = field(default_factory=Counter)  # why a request was retried
    submitted: int = 0
    balance_reads: int = 0
    violations: list[str] = field(default_factory=list)
    # Hold operations accepted: operation_id -> (payer, payee, amount); holds aged.
    hold_operations: dict[str, tuple] = field(default_factory=dict)
    holds_aged: int = 0
    # Bulk payouts accepted: payout_id -> what was sent; and by Idempotency-Key.
    payouts: dict[str, dict] = field(default_factory=dict)
    payout_ids_by_key: dict[str, set] = field(default_factory=dict)

    def violation(self, text: str) -> None:
        with self.lock:
            self.violations.append(text)


def _setup_call(session: requests.Session, method: str, url: str, **kwargs) -> requests.Response:
    deadline = time.monotonic() + RETRY_WINDOW_S
    while True:
        try:
            response = session.request(method, url, timeout=15, **kwargs)
            if response.status_code < 500:
                return response
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"set-up call {method} {url} kept failing")
        time.sleep(0.3)


def create_account(stack: Stack, conn_lock: threading.Lock, conn) -> Account:
    api = stack.base_url + "/api/v1"
    http = requests.Session()
    email = f"chaos-{uuid.uuid4().hex[:12]}@example.com"
    response = _setup_call(http, "POST", api + "/auth/register",
                           json={"email": email, "password": PASSWORD, "full_name": "Chaos Client"})
    assert response.status_code == 201, response.text
    response = _setup_call(http, "POST", api + "/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token = response.json()["data"]["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    response = _setup_call(http, "POST", api + "/wallets/create", headers=auth, json={"currency": "INR"})
    assert response.status_code == 201, response.text
    wallet_id = response.json()["data"]["wallet_id"]
    with conn_lock:  # KYC approval is another feature's flow; set it directly
        conn.execute("UPDATE wallets SET kyc_verified = true, kyc_tier = 1 WHERE id = %s", (wallet_id,))
    response = _setup_call(http, "POST", api + "/pin/set", headers=auth,
                           json={"pin": PIN, "confirm_pin": PIN})
    assert response.status_code == 201, response.text
    return Account(email, token, wallet_id)


def create_accounts(stack: Stack, count: int) -> list[Account]:
    conn = stack.connect()
    conn_lock = threading.Lock()
    accounts: list[Account] = []
    errors: list[BaseException] = []

    def one():
        try:
            account = create_account(stack, conn_lock, conn)
            with conn_lock:
                accounts.append(account)
        except BaseException as exc:  # reported below, after the threads end
            errors.append(exc)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    conn.close()
    if errors:
        raise RuntimeError(f"set-up failed: {errors[0]!r}")
    return accounts


def _amount(low: int, high: int) -> str:
    return str(Decimal(random.randint(low * 100, high * 100)) / 100)


class Client(threading.Thread):
    """Random sends, top-ups, withdrawals, holds, captures, voids and balance reads until
    `stop` is set."""

    def __init__(self, stack: Stack, accounts: list[Account], ledger: Ledger,
                 stop: threading.Event):
        super().__init__(daemon=True)
        self.api = stack.base_url + "/api/v1"
        self.stack, self.accounts, self.ledger, self.stop_event = stack, accounts, ledger, stop
        self.http = requests.Session()
        self.conn = None  # to age holds, opened when first needed

    def run(self) -> None:
        while not self.stop_event.is_set():
            try:
                self.one_action()
            except Exception as exc:  # a client bug must show, not end the run quietly
                self.ledger.violation(f"client crashed: {exc!r}")
                return
            time.sleep(random.uniform(0.0, 0.05))

    def one_action(self) -> None:
        account = random.choice(self.accounts)
        roll = random.random()
        if roll < 0.08:
            self.read_balance(account)
        elif roll < 0.38:
            recipient = random.choice([a for a in self.accounts if a is not account])
            self.money(account, "send", {"recipient_wallet_id": recipient.wallet_id,
                                         "amount": _amount(1, 120), "pin": PIN,
                                         "description": "chaos"})
        elif roll < 0.43:
            self.payout(account)
        elif roll < 0.63:
            self.money(account, "topup", {"amount": _amount(5, 100), "payment_method": "upi"})
        elif roll < 0.78:
            self.money(account, "withdraw", {"amount": _amount(1, 120), "bank_account": "123456789012",
                                             "ifsc": "HDFC0001234", "pin": PIN})
        elif roll < 0.9:
            payee = random.choice([a for a in self.accounts if a is not account])
            self.money(account, "hold", {"payee_wallet_id": payee.wallet_id, "amount": _amount(1, 80),
                                         "pin": PIN, "expires_in_s": 60},
                       recorded={"payee": payee})
        else:
            self.decide_a_hold()

    # --- holds -----------------------------------------------------------------------
    def decide_a_hold(self) -> None:
        """Capture (part of) or void a hold placed earlier, as its payee; now and then age
        it past its expiry first, so that the expiry job races the decision."""
        with self.ledger.lock:
            if not self.ledger.hold_operations:
                return
            operation_id = random.choice(list(self.ledger.hold_operations))
            payer, payee, amount = self.ledger.hold_operations[operation_id]
        hold_id = self.posted_hold(payer, operation_id)
        if hold_id is None:
            return
        if random.random() < 0.25:
            self.age(hold_id)
        path = f"holds/{hold_id}"
        if random.random() < 0.6:
            taken = _amount(1, int(amount)) if amount >= 1 and random.random() < 0.5 else str(amount)
            self.money(payee, "capture", {"amount": taken}, path=f"{path}/capture")
        else:
            self.money(payee, "void", {}, path=f"{path}/void",
                       recorded={"amount": str(amount), "wallet_id": payer.wallet_id})

    def posted_hold(self, payer: Account, operation_id: str) -> str | None:
        """The hold a hold operation placed, once it completed; a failed one is forgotten."""
        try:
            response = self.http.get(f"{self.api}/operations/{operation_id}",
                                     headers=payer.headers, timeout=10)
        except requests.RequestException:
            return None
        if response.status_code != 200:
            return None
        operation = response.json()["data"]
        if operation["status"] == "failed":
            with self.ledger.lock:
                self.ledger.hold_operations.pop(operation_id, None)
        return operation["result"]["hold_id"] if operation["status"] == "completed" else None

    def age(self, hold_id: str) -> None:
        """Bring the hold's expiry to now, as if its time were up (API.md's shortest hold
        lasts a minute; a short run would see no expiry)."""
        try:
            self.conn = self.conn or self.stack.connect()
            aged = self.conn.execute("UPDATE holds SET expires_at = now() WHERE id = %s"
                                     " AND status = 'active'", (hold_id,)).rowcount
        except Exception:  # pg_terminate_backend reaches this connection too
            self.conn = None
            return
        with self.ledger.lock:
            self.ledger.holds_aged += aged

    def read_balance(self, account: Account) -> None:
        try:
            response = self.http.get(self.api + "/wallets/balance", headers=account.headers, timeout=10)
        except requests.RequestException:
            return
        if response.status_code != 200:
            return
        with self.ledger.lock:
            self.ledger.balance_reads += 1
        data = response.json()["data"]
        if Decimal(data["balance"]) < 0:
            self.ledger.violation(f"GET /wallets/balance of {account.wallet_id} is negative")
        if not 0 <= Decimal(data["available_balance"]) <= Decimal(data["balance"]):
            self.ledger.violation(f"GET /wallets/balance of {account.wallet_id}: available"
                                  f" {data['available_balance']} outside 0..{data['balance']}")

    def money(self, account: Account, kind: str, body: dict, path: str | None = None,
              recorded: dict | None = None) -> None:
        """POST a call that records an operation (default path: transactions/<kind>);
        `recorded` overrides what the operation is expected to hold (amount, wallet)."""
        path = path or ("holds" if kind == "hold" else f"transactions/{kind}")
        key = uuid.uuid4().hex
        headers = {**account.headers, "Idempotency-Key": key}
        if random.random() < 0.7:  # most clients wait a little: keeps the load closed-loop
            headers["Prefer"] = "wait=2"
        submitted_at = time.monotonic()  # per-wallet order: see checks.order_violations
        response = self.submit(account, kind, path, body, headers)
        if response is not None:
            self.record(account, kind, body, key, response, submitted_at, recorded or {})

    def payout(self, account: Account) -> None:
        """A small bulk payout to other clients' wallets, one of them perhaps twice under
        two references; any item may fail alone (the balance, a limit)."""
        others = [a for a in self.accounts if a is not account]
        body = {"items": [{"recipient_wallet_id": random.choice(others).wallet_id,
                           "amount": _amount(1, 40), "reference": f"chaos-{n}"}
                          for n in range(random.randint(1, 12))],
                "description": "chaos payout", "pin": PIN}
        key = uuid.uuid4().hex
        response = self.submit(account, "payout", "payouts", body,
                               {**account.headers, "Idempotency-Key": key})
        if response is None:
            return
        if response.status_code not in (200, 202):
            with self.ledger.lock:
                self.ledger.rejected[f"payout {response.status_code} {_code(response)}"] += 1
            return
        payout = response.json()["data"]
        with self.ledger.lock:
            self.ledger.payout_ids_by_key.setdefault(f"{account.email}/{key}", set()).add(
                payout["payout_id"])
            self.ledger.payouts[payout["payout_id"]] = {
                "wallet_id": account.wallet_id, "item_count": len(body["items"]),
                "total": sum(Decimal(i["amount"]) for i in body["items"])}

    def submit(self, account: Account, kind: str, path: str, body: dict,
               headers: dict) -> requests.Response | None:
        """POST until answered, a lost answer retried with the same Idempotency-Key and
        body; None when no answer came within RETRY_WINDOW_S."""
        with self.ledger.lock:
            self.ledger.submitted += 1
        deadline = time.monotonic() + RETRY_WINDOW_S
        while True:
            try:
                response = self.http.post(f"{self.api}/{path}", json=body,
                                          headers=headers, timeout=15)
            except requests.RequestException as exc:
                reason = type(exc).__name__
            else:
                if response.status_code < 500 and response.status_code != 429:
                    return response
                reason = f"{response.status_code} {_code(response)}"
            with self.ledger.lock:
                self.ledger.retries[reason] += 1
            if time.monotonic() > deadline:
                with self.ledger.lock:
                    self.ledger.unanswered.append({"key": headers["Idempotency-Key"],
                                                   "kind": kind, "email": account.email})
                return None
            time.sleep(random.uniform(0.2, 0.6))

    def record(self, account: Account, kind: str, body: dict, key: str,
               response: requests.Response, submitted_at: float, recorded: dict) -> None:
        if response.status_code not in (200, 201, 202):
            with self.ledger.lock:
                self.ledger.rejected[f"{kind} {response.status_code} {_code(response)}"] += 1
            return
        operation = response.json()["data"]
        with self.ledger.lock:
            self.ledger.ids_by_key.setdefault(f"{account.email}/{key}", set()).add(
                operation["operation_id"])
            self.ledger.accepted[operation["operation_id"]] = {
                "type": kind, "amount": recorded.get("amount", body.get("amount")),
                "wallet_id": recorded.get("wallet_id", account.wallet_id), "key": key,
                "submitted_at": submitted_at, "answered_at": time.monotonic()}
            if kind == "hold":
                self.ledger.hold_operations[operation["operation_id"]] = (
                    account, recorded["payee"], Decimal(body["amount"]))


def _code(response: requests.Response) -> str:
    try:
        return response.json().get("error_code") or "-"
    except ValueError:
        return "not-json"


# One statement, so one MVCC snapshot: every balance and every completed operation as
# of the same instant.
SNAPSHOT_SQL = """
WITH balances AS (
  SELECT currency, balance, true AS is_wallet FROM wallets
  UNION ALL SELECT currency, balance, false FROM system_accounts),
moved AS (
  SELECT currency, sum(CASE type WHEN 'topup' THEN amount WHEN 'withdraw' THEN -amount
                                 ELSE 0 END) AS net
  FROM operations WHERE status = 'completed' GROUP BY currency)
SELECT b.currency,
       coalesce(sum(b.balance) FILTER (WHERE b.is_wallet), 0) AS wallets,
       coalesce(sum(b.balance) FILTER (WHERE NOT b.is_wallet), 0) AS system,
       coalesce(min(b.balance) FILTER (WHERE b.is_wallet), 0) AS lowest,
       coalesce(max(m.net), 0) AS expected
FROM balances b LEFT JOIN moved m ON m.currency = b.currency
GROUP BY b.currency
"""


class SnapshotReader(threading.Thread):
    """Reads all balances in one statement every `interval_s` and checks each read."""

    def __init__(self, stack: Stack, ledger: Ledger, stop: threading.Event, interval_s: float = 0.25):
        super().__init__(daemon=True)
        self.stack, self.ledger, self.stop_event, self.interval_s = stack, ledger, stop, interval_s
        self.taken = 0
        self.failed_reads = 0
        self.last: list[tuple] = []

    def run(self) -> None:
        conn = None
        while not self.stop_event.is_set():
            try:
                conn = conn or self.stack.connect()
                self.check(conn.execute(SNAPSHOT_SQL).fetchall())
            except Exception:  # pg_terminate_backend reaches this connection too
                self.failed_reads += 1
                conn = None
            self.stop_event.wait(self.interval_s)

    def check(self, rows: list[tuple]) -> None:
        self.taken += 1
        self.last = rows
        for currency, wallets, system, lowest, expected in rows:
            if wallets + system != 0:
                self.ledger.violation(f"snapshot {self.taken}: {currency} wallets {wallets} + "
                                      f"system accounts {system} != 0")
            if wallets != expected:
                self.ledger.violation(f"snapshot {self.taken}: {currency} wallets sum to {wallets},"
                                      f" completed top-ups minus withdrawals {expected}")
            if lowest < 0:
                self.ledger.violation(f"snapshot {self.taken}: a {currency} wallet is at {lowest}")
