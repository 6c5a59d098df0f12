"""The four ledger invariants of DESIGN.md (balances and journals zero-sum in each
currency), checked in SQL written apart from the service's own reconciliation
(db/reconciliation.py), and a wait for operations to finish."""
from __future__ import annotations

import time

FINISHED = ("completed", "failed")


def violations(conn) -> list[str]:
    """Every broken invariant, one line each; `conn` is a psycopg connection."""
    found = []
    for currency, total in conn.execute(
        "SELECT currency, sum(balance) FROM (SELECT currency, balance FROM wallets"
        " UNION ALL SELECT currency, balance FROM system_accounts) a GROUP BY currency"
    ).fetchall():
        if total != 0:
            found.append(f"1: {currency} balances sum to {total}")
    for account, cached, posted in conn.execute(
        "SELECT w.id, w.balance, coalesce(sum(e.amount), 0) FROM wallets w"
        " LEFT JOIN ledger_entries e ON e.wallet_id = w.id GROUP BY w.id"
        " HAVING w.balance <> coalesce(sum(e.amount), 0)"
        " UNION ALL SELECT s.id, s.balance, coalesce(sum(e.amount), 0) FROM system_accounts s"
        " LEFT JOIN ledger_entries e ON e.system_account_id = s.id GROUP BY s.id"
        " HAVING s.balance <> coalesce(sum(e.amount), 0)"
    ).fetchall():
        found.append(f"2: {account} caches {cached} but its entries sum to {posted}")
    for journal, currency in conn.execute(
        "SELECT e.journal_id, coalesce(w.currency, s.currency) FROM ledger_entries e"
        " LEFT JOIN wallets w ON w.id = e.wallet_id"
        " LEFT JOIN system_accounts s ON s.id = e.system_account_id"
        " GROUP BY 1, 2 HAVING sum(e.amount) <> 0"
    ).fetchall():
        found.append(f"3: journal {journal} is unbalanced in {currency}")
    for operation, status, journals in conn.execute(
        "SELECT o.id, o.status, count(j.id) FROM operations o"
        " LEFT JOIN journals j ON j.operation_id = o.id GROUP BY o.id"
        " HAVING (o.status = 'completed' AND count(j.id) <> 1)"
        " OR (o.status <> 'completed' AND count(j.id) <> 0)"
    ).fetchall():
        found.append(f"4: operation {operation} is {status} with {journals} journals")
    return found


def statuses(conn, operation_ids: list[str]) -> dict[str, str]:
    return dict(conn.execute(
        "SELECT id::text, status FROM operations WHERE id::text = ANY(%s)", (operation_ids,)
    ).fetchall())


def wait_all_finished(conn, operation_ids: list[str], timeout_s: float = 90) -> dict[str, str]:
    """The operations' statuses once all have finished, or as they stand at the deadline."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = statuses(conn, operation_ids)
        if all(found.get(op) in FINISHED for op in operation_ids) or time.monotonic() > deadline:
            return found
        time.sleep(0.25)
