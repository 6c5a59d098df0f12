"""Funded, verified wallets written straight into the bench database with SQL: users,
wallets (kyc tier 1) and, per wallet, one completed top-up with its balanced journal
(system account -F, wallet +F), so the ledger invariants hold from the start."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import psycopg

FUNDS = Decimal("100000.00")
TOPUP_ACCOUNT = "external:topup:INR"


def create_wallets(conn: psycopg.Connection, count: int, prefix: str = "B") -> list[tuple[str, str]]:
    """`count` users and verified wallets, unfunded; returns (wallet_id, user_id)."""
    rows = [(f"VPY-{prefix}{i:05d}", str(uuid.uuid4())) for i in range(count)]
    with conn.cursor() as cur:
        with cur.copy("COPY users (id, email, password_hash, full_name) FROM STDIN") as copy:
            for wallet_id, user_id in rows:
                copy.write_row((user_id, f"bench-{wallet_id.lower()}@example.com", "x", "Bench"))
        with cur.copy("COPY wallets (id, user_id, currency, kyc_verified, kyc_tier) FROM STDIN") as copy:
            for wallet_id, user_id in rows:
                copy.write_row((wallet_id, user_id, "INR", True, 1))
    conn.commit()
    return rows


def fund(conn: psycopg.Connection, wallets: list[tuple[str, str]], amount: Decimal = FUNDS) -> None:
    """One completed top-up per wallet, journalled like the worker would."""
    with conn.cursor() as cur:
        cur.execute("SELECT balance FROM system_accounts WHERE id = %s", (TOPUP_ACCOUNT,))
        found = cur.fetchone()
        system = found[0] if found else Decimal("0.00")
        ops, journals, entries = [], [], []
        now = datetime.now(timezone.utc)
        for wallet_id, user_id in wallets:
            op_id, journal_id = str(uuid.uuid4()), str(uuid.uuid4())
            reference = "VP-TXN-B" + uuid.uuid4().hex[:9].upper()
            ops.append((op_id, user_id, wallet_id, "topup", "completed", amount, "INR",
                        uuid.uuid4().hex, "x", "{}", reference, now))
            journals.append((journal_id, reference, op_id, "topup", "INR", "bench funding",
                             json.dumps({})))
            system -= amount
            entries.append((str(uuid.uuid4()), journal_id, None, TOPUP_ACCOUNT, None, -amount, system))
            entries.append((str(uuid.uuid4()), journal_id, wallet_id, None, None, amount, amount))
        with cur.copy("COPY operations (id, user_id, wallet_id, type, status, amount, currency,"
                      " idempotency_key, request_fingerprint, payload, reference_id, finished_at)"
                      " FROM STDIN") as copy:
            for row in ops:
                copy.write_row(row)
        with cur.copy("COPY journals (id, reference_id, operation_id, category, currency,"
                      " description, metadata) FROM STDIN") as copy:
            for row in journals:
                copy.write_row(row)
        cur.execute("INSERT INTO system_accounts (id, currency, balance) VALUES (%s, 'INR', %s)"
                    " ON CONFLICT (id) DO UPDATE SET balance = EXCLUDED.balance", (TOPUP_ACCOUNT, system))
        with cur.copy("COPY ledger_entries (id, journal_id, wallet_id, system_account_id,"
                      " counterparty_wallet_id, amount, balance_after) FROM STDIN") as copy:
            for row in entries:
                copy.write_row(row)
        cur.execute("UPDATE wallets SET balance = balance + %s WHERE id = ANY(%s)",
                    (amount, [w for w, _ in wallets]))
    conn.commit()


def analyse_like_autovacuum(conn: psycopg.Connection) -> bool:
    """Gather the planner statistics autovacuum would have by now; True if it had to.

    PostgreSQL as we ship it runs autovacuum, which analyses a table once a tenth of it
    has changed. A server run with autovacuum off (this machine's shared cluster is)
    never does, and each step would be measured against plans made for empty tables:
    a cost no deployment pays. Only on such a server, each step starts from the
    statistics autovacuum would have gathered after the rows the step set up."""
    if conn.execute("SHOW autovacuum").fetchone()[0] == "on":
        return False
    conn.execute("ANALYZE")
    conn.commit()
    return True
