"""The four ledger invariants of DESIGN.md (balances and journals zero-sum in each
currency), checked in SQL written apart from the service's own reconciliation
(db/reconciliation.py), the agreement of every bulk payout with its items, and a wait
for operations to finish. Held money is part of them: a wallet's cached `held` is its
active holds and within its balance (2), and every hold operation placed or decided
exactly the holds its state says (4)."""
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
    for wallet, held, active, balance in conn.execute(
        "SELECT w.id, w.held, (SELECT coalesce(sum(h.amount), 0) FROM holds h"
        "  WHERE h.payer_wallet_id = w.id AND h.status = 'active'), w.balance FROM wallets w"
    ).fetchall():
        if held != active or held > balance:
            found.append(f"2: {wallet} holds {held} (balance {balance}) but its active holds"
                         f" sum to {active}")
    for journal, currency in conn.execute(
        "SELECT e.journal_id, coalesce(w.currency, s.currency) FROM ledger_entries e"
        " LEFT JOIN wallets w ON w.id = e.wallet_id"
        " LEFT JOIN system_accounts s ON s.id = e.system_account_id"
        " GROUP BY 1, 2 HAVING sum(e.amount) <> 0"
    ).fetchall():
        found.append(f"3: journal {journal} is unbalanced in {currency}")
    for operation, kind, status, journals in conn.execute(
        "SELECT o.id, o.type, o.status, count(j.id) FROM operations o"
        " LEFT JOIN journals j ON j.operation_id = o.id GROUP BY o.id"
    ).fetchall():
        posts = status == "completed" and kind not in ("hold", "void", "expire")
        if journals != (1 if posts else 0):
            found.append(f"4: {kind} operation {operation} is {status} with {journals} journals")
    found += _hold_operations(conn)
    return found


_DECIDES = {"capture": "captured", "void": "voided", "expire": "expired"}


def _hold_operations(conn) -> list[str]:
    """Invariant 4 for holds, row by row (one statement, one snapshot): a completed hold
    operation placed its hold, a completed capture, void or expiry decided its hold its
    own way (a capture for its amount), and nothing else changed any hold."""
    found = []
    for operation, kind, status, amount, placed, decided, captured in conn.execute(
        "SELECT o.id, o.type, o.status, o.amount, p.id IS NOT NULL, d.status, d.captured_amount"
        " FROM operations o LEFT JOIN holds p ON p.operation_id = o.id"
        " LEFT JOIN holds d ON d.finish_operation_id = o.id"
        " WHERE o.type IN ('hold', 'capture', 'void', 'expire')"
    ).fetchall():
        completed = status == "completed"
        if kind == "hold":
            if placed != completed or decided is not None:
                found.append(f"4: hold operation {operation} is {status}; placed a hold: {placed}")
        elif placed or (decided is not None) != completed:
            found.append(f"4: {kind} operation {operation} is {status}; decided a hold:"
                         f" {decided is not None}")
        elif completed and (decided, captured) != (_DECIDES[kind],
                                                   amount if kind == "capture" else 0):
            found.append(f"4: {kind} operation {operation} left its hold {decided} {captured}")
    return found


def payout_violations(conn) -> list[str]:
    """Every payout whose counters, amount or status disagree with its items (the
    posting transaction moves them together, so this holds at every instant)."""
    return [f"payout {payout}: {detail}" for payout, detail in conn.execute(
        "WITH tally AS (SELECT p.id, p.status, p.item_count, p.completed_count, p.failed_count,"
        "  p.completed_amount, p.finished_at, count(o.id) AS items,"
        "  count(o.id) FILTER (WHERE o.status = 'completed') AS completed,"
        "  count(o.id) FILTER (WHERE o.status = 'failed') AS failed,"
        "  coalesce(sum(o.amount) FILTER (WHERE o.status = 'completed'), 0) AS paid"
        "  FROM payouts p LEFT JOIN operations o ON o.payout_id = p.id GROUP BY p.id)"
        " SELECT id, format('%s items of %s, counts %s/%s for %s/%s, paid %s for %s, %s',"
        "  items, item_count, completed_count, failed_count, completed, failed,"
        "  completed_amount, paid, status) FROM tally"
        " WHERE items <> item_count OR completed_count <> completed OR failed_count <> failed"
        "  OR completed_amount <> paid OR (finished_at IS NOT NULL) <> (completed + failed = items)"
        "  OR status <> CASE WHEN completed + failed = 0 THEN 'queued'"
        "   WHEN completed + failed < items THEN 'processing' WHEN failed = 0 THEN 'completed'"
        "   WHEN completed = 0 THEN 'failed' ELSE 'partially_completed' END"
    ).fetchall()]


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
