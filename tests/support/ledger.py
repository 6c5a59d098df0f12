"""The four ledger invariants of DESIGN.md, checked in SQL, plus waiting helpers."""
from __future__ import annotations

import time


def violations(db) -> list[str]:
    found = []
    for currency, total in db.execute(
        "SELECT currency, sum(balance) FROM (SELECT currency, balance FROM wallets"
        " UNION ALL SELECT currency, balance FROM system_accounts) a GROUP BY currency"
    ).fetchall():
        if total != 0:
            found.append(f"1: {currency} balances sum to {total}")
    for account, cached, posted in db.execute(
        "SELECT w.id, w.balance, coalesce(sum(e.amount), 0) FROM wallets w"
        " LEFT JOIN ledger_entries e ON e.wallet_id = w.id GROUP BY w.id"
        " HAVING w.balance <> coalesce(sum(e.amount), 0)"
        " UNION ALL SELECT s.id, s.balance, coalesce(sum(e.amount), 0) FROM system_accounts s"
        " LEFT JOIN ledger_entries e ON e.system_account_id = s.id GROUP BY s.id"
        " HAVING s.balance <> coalesce(sum(e.amount), 0)"
    ).fetchall():
        found.append(f"2: {account} caches {cached} but its entries sum to {posted}")
    for (journal,) in db.execute(
        "SELECT journal_id FROM ledger_entries GROUP BY journal_id HAVING sum(amount) <> 0"
    ).fetchall():
        found.append(f"3: journal {journal} is unbalanced")
    for operation, status, journals in db.execute(
        "SELECT o.id, o.status, count(j.id) FROM operations o"
        " LEFT JOIN journals j ON j.operation_id = o.id GROUP BY o.id"
        " HAVING (o.status = 'completed' AND count(j.id) <> 1)"
        " OR (o.status <> 'completed' AND count(j.id) <> 0)"
    ).fetchall():
        found.append(f"4: operation {operation} is {status} with {journals} journals")
    return found


def wait_all_finished(db, operation_ids: list[str], timeout_s: float = 90) -> dict[str, str]:
    deadline = time.monotonic() + timeout_s
    while True:
        statuses = dict(db.execute(
            "SELECT id::text, status FROM operations WHERE id::text = ANY(%s)", (operation_ids,)
        ).fetchall())
        unfinished = [op for op in operation_ids if statuses.get(op) not in ("completed", "failed")]
        if not unfinished or time.monotonic() > deadline:
            return statuses
        time.sleep(0.25)
