"""The HTTP clients' accounts: users and verified wallets written by SQL (as
bench/setup.py writes the posting steps' wallets), then logged in and PIN-set through
the API, so that every PIN hash is whatever the API writes at the settings in force.

The passwords are hashed here at a low bcrypt cost: a login is set-up, not part of any
measured loop, and the production cost would only spend a quarter of a second of the
API's CPU per account before anything is measured. The PIN, which every send checks,
is set through the API, never here.
"""
from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import bcrypt
import psycopg

from bench import setup

PASSWORD = "bench horse battery staple"
PIN = "4826"
_SETUP_PASSWORD_COST = 4


@dataclass(frozen=True)
class Account:
    token: str
    wallet_id: str


def create(conn: psycopg.Connection, base_url: str, count: int, prefix: str = "H") -> list[Account]:
    """`count` funded, verified, PIN-set accounts with an access token each (wallet ids
    VPY-<prefix>NNNNN: one prefix per group of accounts)."""
    wallets = setup.create_wallets(conn, count, prefix=prefix)
    password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(_SETUP_PASSWORD_COST)).decode()
    conn.execute("UPDATE users SET password_hash = %s WHERE id = ANY(%s::uuid[])",
                 (password_hash, [user_id for _, user_id in wallets]))
    conn.commit()
    setup.fund(conn, wallets)
    emails = dict(conn.execute("SELECT id::text, email FROM users WHERE id = ANY(%s::uuid[])",
                               ([user_id for _, user_id in wallets],)).fetchall())
    with ThreadPoolExecutor(max_workers=4) as pool:
        tokens = list(pool.map(lambda w: _log_in_and_set_pin(base_url, emails[w[1]]), wallets))
    return [Account(token, wallet_id) for token, (wallet_id, _) in zip(tokens, wallets, strict=True)]


def _log_in_and_set_pin(base_url: str, email: str) -> str:
    token = _call(base_url, "/auth/login", {"email": email, "password": PASSWORD})["access_token"]
    _call(base_url, "/pin/set", {"pin": PIN, "confirm_pin": PIN}, token)
    return token


def _call(base_url: str, path: str, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base_url + "/api/v1" + path, json.dumps(body).encode(),
                                     headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["data"]
