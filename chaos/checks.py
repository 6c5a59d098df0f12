"""What must hold once the faults stop: everything accepted finishes within a bound,
exactly one journal per completed operation and none per failed one, no idempotency
key posted twice, the four ledger invariants of DESIGN.md (held money included: each
hold decided once, its held amount accounted for), no hold left active long past its
expiry, each wallet's operations posted in the order they were accepted, every
accepted bulk payout finished with its counters agreeing with its items, and the
clients' view agrees with the database."""
from __future__ import annotations

import time
from collections import defaultdict
from decimal import Decimal

from chaos.load import Ledger
from checks.ledger import payout_violations
from checks.ledger import violations as ledger_violations


def wait_settled(conn, timeout_s: float) -> tuple[float, int]:
    """Seconds until no operation is queued or processing (or the timeout), and how
    many are still unfinished then."""
    started = time.monotonic()
    while True:
        unfinished = conn.execute(
            "SELECT count(*) FROM operations WHERE status NOT IN ('completed', 'failed')"
        ).fetchone()[0]
        elapsed = time.monotonic() - started
        if unfinished == 0 or elapsed > timeout_s:
            return elapsed, unfinished
        time.sleep(0.25)


def final_checks(conn, ledger: Ledger, settle_timeout_s: float) -> tuple[list[str], dict]:
    found: list[str] = []
    settled_s, unfinished = wait_settled(conn, settle_timeout_s)
    if unfinished:
        found.append(f"{unfinished} operations still unfinished {settle_timeout_s:.0f}s after"
                     " the faults stopped")
    overdue = wait_holds_expired(conn, HOLD_GRACE_S, settle_timeout_s)
    if overdue:
        found.append(f"{overdue} holds still active more than {HOLD_GRACE_S:.0f}s past their"
                     f" expiry, {settle_timeout_s:.0f}s after the faults stopped")
    found += [f"ledger invariant {v}" for v in ledger_violations(conn)]
    found += payout_violations(conn)
    found += _duplicate_postings(conn)
    found += order_violations(conn, ledger)
    accepted_figures = _accepted_against_database(conn, ledger, found)
    accepted_figures.update(_payouts_against_database(conn, ledger, found))
    with ledger.lock:
        for key, ids in [*ledger.ids_by_key.items(), *ledger.payout_ids_by_key.items()]:
            if len(ids) > 1:
                found.append(f"idempotency key {key} answered with {len(ids)} operations")
    lowest = conn.execute("SELECT min(balance) FROM wallets").fetchone()[0]
    if lowest is not None and lowest < 0:
        found.append(f"a wallet ends at {lowest}")
    money = _money(conn)
    if money["wallets_total"] + money["system_total"] != 0:
        found.append(f"wallets {money['wallets_total']} + system accounts {money['system_total']} != 0")
    if money["wallets_total"] != money["expected_total"]:
        found.append(f"wallets hold {money['wallets_total']}, completed top-ups minus withdrawals"
                     f" are {money['expected_total']}")
    figures = {"settled_s": settled_s, **accepted_figures, **money,
               "failure_codes": _failure_codes(conn), "holds": _holds(conn)}
    return found, figures


# The expiry job runs every second in a chaos run (chaos/stack.py); a hold may wait a few
# more while faults have its worker stopped or its database connections cut.
HOLD_GRACE_S = 10.0


def wait_holds_expired(conn, grace_s: float, timeout_s: float) -> int:
    """How many holds are still active more than `grace_s` past their expiry once none
    is, or at the timeout."""
    started = time.monotonic()
    while True:
        overdue = conn.execute(
            "SELECT count(*) FROM holds WHERE status = 'active'"
            " AND expires_at < now() - make_interval(secs => %s)", (grace_s,)).fetchone()[0]
        if overdue == 0 or time.monotonic() - started > timeout_s:
            return overdue
        time.sleep(0.25)


def _holds(conn) -> dict:
    return dict(conn.execute("SELECT status, count(*) FROM holds GROUP BY status").fetchall())


def _duplicate_postings(conn) -> list[str]:
    rows = conn.execute(
        "SELECT o.user_id, o.idempotency_key, count(DISTINCT o.id), count(j.id)"
        " FROM operations o LEFT JOIN journals j ON j.operation_id = o.id"
        " GROUP BY o.user_id, o.idempotency_key"
        " HAVING count(DISTINCT o.id) > 1 OR count(j.id) > 1").fetchall()
    return [f"user {user} key {key}: {ops} operations, {journals} journals"
            for user, key, ops, journals in rows]


def _accepted_against_database(conn, ledger: Ledger, found: list[str]) -> dict:
    with ledger.lock:
        accepted = dict(ledger.accepted)
        unanswered = list(ledger.unanswered)
    rows = conn.execute(
        "SELECT id::text, type, amount, wallet_id, status FROM operations WHERE id::text = ANY(%s)",
        (list(accepted),)).fetchall()
    in_db = {row[0]: row for row in rows}
    statuses = {"completed": 0, "failed": 0, "lost": 0}
    for operation_id, sent in accepted.items():
        row = in_db.get(operation_id)
        if row is None or row[4] not in ("completed", "failed"):
            statuses["lost"] += 1
            found.append(f"accepted operation {operation_id} is "
                         f"{'missing' if row is None else row[4]}")
            continue
        statuses[row[4]] += 1
        if (row[1], row[2], row[3]) != (sent["type"], Decimal(sent["amount"]), sent["wallet_id"]):
            found.append(f"operation {operation_id} in the database differs from what was sent")
    # Requests whose answer never came: did the server record them anyway?
    recorded_unanswered = 0
    for item in unanswered:
        table = "payouts" if item["kind"] == "payout" else "operations"
        recorded_unanswered += conn.execute(
            f"SELECT count(*) FROM {table} o JOIN users u ON u.id = o.user_id"
            " WHERE u.email = %s AND o.idempotency_key = %s", (item["email"], item["key"])
        ).fetchone()[0]
    total = conn.execute("SELECT count(*) FROM operations").fetchone()[0]
    return {"accepted": len(accepted), **statuses, "operations_in_db": total,
                      "unanswered": len(unanswered), "unanswered_but_recorded": recorded_unanswered}


def _payouts_against_database(conn, ledger: Ledger, found: list[str]) -> dict:
    """Every accepted payout is in the database as sent, and finished."""
    with ledger.lock:
        accepted = dict(ledger.payouts)
    rows = {row[0]: row for row in conn.execute(
        "SELECT id::text, wallet_id, item_count, total_amount, status FROM payouts"
        " WHERE id::text = ANY(%s)", (list(accepted),)).fetchall()}
    statuses: dict[str, int] = defaultdict(int)
    for payout_id, sent in accepted.items():
        row = rows.get(payout_id)
        if row is None:
            found.append(f"accepted payout {payout_id} is missing")
            continue
        statuses[row[4]] += 1
        if (row[1], row[2], row[3]) != (sent["wallet_id"], sent["item_count"], sent["total"]):
            found.append(f"payout {payout_id} in the database differs from what was sent")
        if row[4] not in ("completed", "partially_completed", "failed"):
            found.append(f"accepted payout {payout_id} is still {row[4]}")
    return {"payouts_accepted": len(accepted), "payouts_by_status": dict(statuses)}


def _money(conn) -> dict:
    wallets, system, expected = conn.execute(
        "SELECT (SELECT coalesce(sum(balance), 0) FROM wallets),"
        " (SELECT coalesce(sum(balance), 0) FROM system_accounts),"
        " (SELECT coalesce(sum(CASE type WHEN 'topup' THEN amount WHEN 'withdraw' THEN -amount"
        "  ELSE 0 END), 0) FROM operations WHERE status = 'completed')").fetchone()
    return {"wallets_total": wallets, "system_total": system, "expected_total": expected}


def _failure_codes(conn) -> dict:
    return dict(conn.execute(
        "SELECT error_code, count(*) FROM operations WHERE status = 'failed'"
        " GROUP BY error_code ORDER BY 2 DESC").fetchall())


def order_violations(conn, ledger: Ledger) -> list[str]:
    """Per wallet: an operation accepted (answered 2xx) before another of the same
    wallet was submitted must be posted first. The posting order is read back from the
    wallet's balance chain: each entry's balance before (balance_after - amount) is the
    previous entry's balance_after; a chain that honours every such pair must exist."""
    with ledger.lock:
        accepted = dict(ledger.accepted)
    by_wallet: dict[str, list] = defaultdict(list)
    for operation_id, sent in accepted.items():
        by_wallet[sent["wallet_id"]].append((operation_id, sent))
    found = []
    for wallet_id, own in by_wallet.items():
        entries = conn.execute(
            "SELECT j.operation_id::text, e.amount, e.balance_after FROM ledger_entries e"
            " JOIN journals j ON j.id = e.journal_id WHERE e.wallet_id = %s",
            (wallet_id,)).fetchall()
        posted = {entry[0] for entry in entries}
        own = [(op, sent) for op, sent in own if op in posted]
        must_follow = {b: {a for a, sent_a in own if sent_a["answered_at"] < sent_b["submitted_at"]}
                       for b, sent_b in own}
        if not _chain_exists(entries, must_follow):
            found.append(f"wallet {wallet_id}: no posting order of its entries keeps its"
                         " operations in acceptance order")
    return found


def _chain_exists(entries: list[tuple], must_follow: dict[str, set], budget: int = 200_000) -> bool:
    """Depth-first search for an order of `entries` that chains balances from zero and
    puts every operation after all of its `must_follow`. A search past `budget` steps
    (many balances revisited) is not reported."""
    by_before: dict[Decimal, list] = defaultdict(list)
    for operation_id, amount, after in entries:
        by_before[after - amount].append((operation_id, after))
    used: set[str] = set()
    path: list[str] = []
    frames = [iter(by_before[Decimal(0)])]
    for _ in range(budget):
        if len(path) == len(entries):
            return True
        for operation_id, after in frames[-1]:
            if operation_id not in used and must_follow.get(operation_id, set()) <= used:
                used.add(operation_id)
                path.append(operation_id)
                frames.append(iter(by_before[after]))
                break
        else:
            frames.pop()
            if not frames:
                return False
            used.discard(path.pop())
    return True
