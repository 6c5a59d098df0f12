"""Reconciliation in SQL: find the rows that break a ledger invariant (set-based, only
offending rows come back), and keep the record of runs and alerts.

Functions take the caller's session and never commit.
"""
from __future__ import annotations

import uuid

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from db.models import ReconciliationAlert, ReconciliationRun
from domain import reconciliation as rules
from domain.reconciliation import Violation

# Offending rows reported per invariant: enough to act on, bounded when a bug breaks
# every account at once.
MAX_REPORTED = 100

_UNBALANCED_CURRENCIES = text("""
SELECT currency, sum(balance) AS total
FROM (SELECT currency, balance FROM wallets
      UNION ALL SELECT currency, balance FROM system_accounts) accounts
GROUP BY currency HAVING sum(balance) <> 0
ORDER BY currency LIMIT :cap
""")

_STALE_BALANCES = text("""
SELECT 'wallet' AS kind, w.id AS account_id, w.balance AS cached, coalesce(e.total, 0) AS posted
FROM wallets w
LEFT JOIN (SELECT wallet_id, sum(amount) AS total FROM ledger_entries
           WHERE wallet_id IS NOT NULL GROUP BY wallet_id) e ON e.wallet_id = w.id
WHERE w.balance <> coalesce(e.total, 0)
UNION ALL
SELECT 'system account', s.id, s.balance, coalesce(e.total, 0)
FROM system_accounts s
LEFT JOIN (SELECT system_account_id, sum(amount) AS total FROM ledger_entries
           WHERE system_account_id IS NOT NULL GROUP BY system_account_id) e
       ON e.system_account_id = s.id
WHERE s.balance <> coalesce(e.total, 0)
ORDER BY account_id LIMIT :cap
""")

# Held money: the cache of each wallet's active holds, within its balance.
_STALE_HELD = text("""
SELECT w.id, w.held, coalesce(h.total, 0) AS active, w.balance
FROM wallets w
LEFT JOIN (SELECT payer_wallet_id, sum(amount) AS total FROM holds WHERE status = 'active'
           GROUP BY payer_wallet_id) h ON h.payer_wallet_id = w.id
WHERE w.held <> coalesce(h.total, 0) OR w.held > w.balance
ORDER BY w.id LIMIT :cap
""")

# Per currency: a send across currencies balances in each of its two currencies, through
# the FX system accounts; an entry's currency is its wallet's or system account's.
_UNBALANCED_JOURNALS = text("""
SELECT e.journal_id::text, coalesce(w.currency, s.currency) AS currency, sum(e.amount) AS total
FROM ledger_entries e
LEFT JOIN wallets w ON w.id = e.wallet_id
LEFT JOIN system_accounts s ON s.id = e.system_account_id
GROUP BY e.journal_id, 2 HAVING sum(e.amount) <> 0
ORDER BY e.journal_id, 2 LIMIT :cap
""")

_MISMATCHED_OPERATIONS = text("""
SELECT o.id::text AS operation_id, o.status, count(j.id) AS journals, o.type
FROM operations o LEFT JOIN journals j ON j.operation_id = o.id
GROUP BY o.id, o.status, o.type
HAVING o.status NOT IN ('queued', 'processing', 'completed', 'failed')
    OR (o.status = 'completed' AND o.type NOT IN ('hold', 'void', 'expire') AND count(j.id) <> 1)
    OR ((o.status <> 'completed' OR o.type IN ('hold', 'void', 'expire')) AND count(j.id) <> 0)
ORDER BY o.id LIMIT :cap
""")

# Each hold operation's effect against its state: placed (hold) or decided (capture,
# void, expire) exactly one hold when completed, the right way; none otherwise.
_MISMATCHED_HOLD_OPERATIONS = text("""
SELECT o.id::text AS operation_id, o.type, o.status, count(p.id) AS placed, count(d.id) AS decided
FROM operations o
LEFT JOIN holds p ON p.operation_id = o.id
LEFT JOIN holds d ON d.finish_operation_id = o.id
WHERE o.type IN ('hold', 'capture', 'void', 'expire')
GROUP BY o.id, o.type, o.status, o.amount
HAVING count(p.id) <> CASE WHEN o.type = 'hold' AND o.status = 'completed' THEN 1 ELSE 0 END
    OR count(d.id) <> CASE WHEN o.type <> 'hold' AND o.status = 'completed' THEN 1 ELSE 0 END
    OR NOT bool_and(d.id IS NULL OR (d.status = CASE o.type WHEN 'capture' THEN 'captured'
                                                 WHEN 'void' THEN 'voided' ELSE 'expired' END
                                     AND d.captured_amount = CASE o.type WHEN 'capture'
                                                             THEN o.amount ELSE 0 END))
ORDER BY o.id LIMIT :cap
""")


def find_violations(session: Session, cap: int = MAX_REPORTED) -> list[Violation]:
    """Every broken invariant, as seen by the session's snapshot (use REPEATABLE READ
    so that the four checks see one consistent ledger)."""
    def rows(query):
        return session.execute(query, {"cap": cap}).all()

    return [
        *(rules.unbalanced_currency(*row) for row in rows(_UNBALANCED_CURRENCIES)),
        *(rules.stale_balance(*row) for row in rows(_STALE_BALANCES)),
        *(rules.stale_held(*row) for row in rows(_STALE_HELD)),
        *(rules.unbalanced_journal(*row) for row in rows(_UNBALANCED_JOURNALS)),
        *(rules.mismatched_operation(*row) for row in rows(_MISMATCHED_OPERATIONS)),
        *(rules.mismatched_hold_operation(*row) for row in rows(_MISMATCHED_HOLD_OPERATIONS)),
    ]


# --- runs ----------------------------------------------------------------------------
def try_lock(session: Session) -> bool:
    """Take the reconciliation lock for this transaction, or report it is taken."""
    return session.execute(
        text("SELECT pg_try_advisory_xact_lock(hashtext('vp:reconcile'))")).scalar_one()


def request_run(session: Session, trigger: str, requested_by: uuid.UUID | None = None):
    return session.execute(
        insert(ReconciliationRun)
        .values(run_id=uuid.uuid4(), trigger=trigger, requested_by=requested_by)
        .returning(*ReconciliationRun.__table__.c)
    ).mappings().one()


def pending_run(session: Session, run_id: uuid.UUID):
    """The run if it still waits for its check (None once finished: a redelivery)."""
    return session.execute(
        select(ReconciliationRun.__table__).where(
            ReconciliationRun.run_id == run_id, ReconciliationRun.finished_at.is_(None))
    ).mappings().one_or_none()


def finish_run(session: Session, run_id: uuid.UUID, violations: list[Violation]):
    """Record the outcome, and one alert per broken invariant."""
    run = session.execute(
        update(ReconciliationRun).where(ReconciliationRun.run_id == run_id)
        .values(started_at=func.now(), finished_at=func.clock_timestamp(), ok=not violations,
                violations=[violation.as_dict() for violation in violations])
        .returning(*ReconciliationRun.__table__.c)
    ).mappings().one()
    _raise_alerts(session, run_id, violations)
    return run


def _raise_alerts(session: Session, run_id: uuid.UUID, violations: list[Violation]) -> None:
    alerts = [
        {"run_id": run_id, "invariant": invariant, "violation_count": count,
         "detail": next(v.detail for v in violations if v.invariant == invariant)}
        for invariant, count in rules.counts_by_invariant(violations).items() if count
    ]
    if alerts:
        session.execute(insert(ReconciliationAlert), alerts)


def latest_run(session: Session):
    return session.execute(
        select(ReconciliationRun.__table__)
        .order_by(ReconciliationRun.requested_at.desc(), ReconciliationRun.run_id).limit(1)
    ).mappings().one_or_none()


def run_by_id(session: Session, run_id: uuid.UUID):
    return session.execute(
        select(ReconciliationRun.__table__).where(ReconciliationRun.run_id == run_id)
    ).mappings().one_or_none()
