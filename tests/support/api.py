"""Small helpers that drive the API the way a client would, plus direct SQL for the
set-up steps that belong to later features (e.g. KYC approval)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from tests.support.waiting import eventually

PREFIX = "/api/v1"
PASSWORD = "correct horse battery"
PIN = "4826"


@dataclass
class Caller:
    email: str
    user_id: str
    access_token: str
    refresh_token: str
    wallet_id: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.access_token}"}


class Api:
    def __init__(self, client, db):
        self.client, self.db = client, db

    # --- raw calls ------------------------------------------------------------------
    def call(self, method: str, path: str, caller: Caller | None = None, headers=None, **kwargs):
        all_headers = dict(caller.headers if caller else {})
        all_headers.update(headers or {})
        return self.client.open(PREFIX + path, method=method, headers=all_headers, **kwargs)

    def get(self, path, caller=None, **kw):
        return self.call("GET", path, caller, **kw)

    def post(self, path, caller=None, **kw):
        return self.call("POST", path, caller, **kw)

    # --- identity -------------------------------------------------------------------
    def user(self, role: str = "user", full_name: str = "Ravi Gupta") -> Caller:
        email = f"u{uuid.uuid4().hex[:12]}@example.com"
        response = self.post("/auth/register", json={
            "email": email, "password": PASSWORD, "full_name": full_name})
        assert response.status_code == 201, response.json
        user_id = response.json["data"]["user_id"]
        if role != "user":
            self.db.execute("UPDATE users SET role = %s WHERE id = %s", (role, user_id))
        return self.login(email, user_id)

    def login(self, email: str, user_id: str) -> Caller:
        response = self.post("/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.json
        data = response.json["data"]
        return Caller(email, user_id, data["access_token"], data["refresh_token"])

    # --- wallets --------------------------------------------------------------------
    def wallet(self, caller: Caller | None = None, *, kyc: bool = True, pin: str | None = PIN,
               funds: str | None = None, currency: str = "INR") -> Caller:
        caller = caller or self.user()
        response = self.post("/wallets/create", caller, json={"currency": currency})
        assert response.status_code == 201, response.json
        caller.wallet_id = response.json["data"]["wallet_id"]
        if kyc:
            self.db.execute("UPDATE wallets SET kyc_verified = true, kyc_tier = 1 WHERE id = %s",
                            (caller.wallet_id,))
        if pin:
            response = self.post("/pin/set", caller, json={"pin": pin, "confirm_pin": pin})
            assert response.status_code == 201, response.json
        if funds:
            operation = self.topup(caller, funds, wait=10)
            assert operation["status"] == "completed", operation
        return caller

    def balance(self, caller: Caller) -> str:
        return self.get("/wallets/balance", caller).json["data"]["balance"]

    # --- money ----------------------------------------------------------------------
    def money(self, kind: str, caller: Caller, body: dict, *, key: str | None = None,
              wait: int | None = None):
        headers = {"Idempotency-Key": key or uuid.uuid4().hex}
        if wait is not None:
            headers["Prefer"] = f"wait={wait}"
        return self.post(f"/transactions/{kind}", caller, json=body, headers=headers)

    def topup(self, caller: Caller, amount: str, wait: int | None = None) -> dict:
        response = self.money("topup", caller, {"amount": amount, "payment_method": "upi"}, wait=wait)
        assert response.status_code in (201, 202), response.json
        return response.json["data"]

    def send(self, caller: Caller, to: Caller | str, amount: str, **kw):
        recipient = to if isinstance(to, str) else to.wallet_id
        return self.money("send", caller,
                          {"recipient_wallet_id": recipient, "amount": amount, "pin": PIN}, **kw)

    def wait_finished(self, caller: Caller, operation_id: str, timeout_s: float = 30) -> dict:
        polls = []

        def finished() -> bool:
            polls.append(self.get(f"/operations/{operation_id}", caller).json["data"])
            return polls[-1]["status"] in ("completed", "failed")

        eventually(finished, timeout_s)
        return polls[-1]
