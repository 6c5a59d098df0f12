"""Ledger reads and writes for the posting job (through db/posting.py). Every function
takes the caller's session and never commits: the posting job's unit of work owns the
transaction."""
from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import ARRAY, Text, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from db import bulk
from db.models import Journal, LedgerEntry, SystemAccount, Wallet
from domain.ledger import WalletState
from domain.posting import Operation


def wallet_state(row) -> WalletState:
    return WalletState(row.id, row.status, row.freeze_reason, row.balance, row.currency, row.held)


def as_operation(row) -> Operation:
    """A claimed row as the one shape every posting path uses."""
    return Operation(id=row.id, user_id=row.user_id, wallet_id=row.wallet_id, type=row.type,
                     amount=row.amount, currency=row.currency, payload=row.payload,
                     created_at=row.created_at, request_id=row.request_id,
                     deliveries=row.deliveries, trace_context=row.trace_context)


# --- claiming operations, and what the posting engine writes -------------------------
def claim(session: Session, limit: int, own_id: uuid.UUID | None = None,
          skip_wallets: set[str] = frozenset()) -> list[Operation]:
    """Claim up to `limit` queued operations, oldest first, plus `own_id` (the job's own
    operation, claimed again whatever its state unless finished: its message came back
    because its last worker died). Claimed rows are 'processing' with one more delivery,
    so two workers never claim one operation and a batch that keeps killing its worker
    is counted. SKIP LOCKED: a second worker takes the next operations, not the same.
    Operations of `skip_wallets` (wallets another worker is posting, so that their
    operations could only wait) are passed over: the claim goes to the next wallets'
    instead, as a long run of one payer's operations (a bulk payout) would otherwise
    keep a second worker claiming and putting back what it cannot post."""
    rows = session.execute(text(
        "WITH own AS (SELECT id FROM operations WHERE id = CAST(:own AS uuid)"
        "  AND status IN ('queued', 'processing') FOR UPDATE),"
        " queued AS (SELECT id FROM operations WHERE status = 'queued'"
        "  AND wallet_id <> ALL(CAST(:skip AS text[]))"
        "  ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED)"
        " UPDATE operations o SET status = 'processing', deliveries = o.deliveries + 1,"
        "  updated_at = now()"
        " WHERE o.id IN (SELECT id FROM own UNION SELECT id FROM queued)"
        " RETURNING o.id, o.user_id, o.wallet_id, o.type, o.amount, o.currency, o.payload,"
        "  o.request_id, o.deliveries, o.created_at, o.trace_context"
    ), {"own": own_id, "limit": limit, "skip": sorted(skip_wallets)}).all()
    return [as_operation(row) for row in sorted(rows, key=lambda row: (row.created_at, row.id))]


def unclaim(session: Session, operation_ids: list[uuid.UUID], count_delivery: bool = False) -> None:
    """Put claimed operations back at the head of the queue. A batch that only waited
    for a busy wallet was not delivered (its count is undone); one that failed on the
    way to the database was (`count_delivery`), so a repeating failure is bounded."""
    if operation_ids:
        undo = "" if count_delivery else ", deliveries = greatest(deliveries - 1, 0)"
        session.execute(text(
            f"UPDATE operations SET status = 'queued'{undo}"
            " WHERE id = ANY(:ids) AND status = 'processing'"
        ), {"ids": operation_ids})


def behind_earlier(session: Session, operations: list) -> set[uuid.UUID]:
    """The operations of `operations` whose wallet has an earlier operation still
    unfinished outside them (claimed by another worker, or put back to wait): posting
    them now would complete the wallet's operations out of acceptance order. Called
    under the wallet row locks, so an earlier operation being posted elsewhere has
    either committed (finished, seen here) or not started its posting (waited for)."""
    rows = session.execute(text(
        "SELECT b.id FROM unnest(CAST(:ids AS uuid[]), CAST(:wallets AS text[]),"
        "  CAST(:created AS timestamptz[])) AS b(id, wallet_id, created_at)"
        " WHERE EXISTS (SELECT 1 FROM operations o WHERE o.wallet_id = b.wallet_id"
        "  AND o.status IN ('queued', 'processing') AND (o.created_at, o.id) < (b.created_at, b.id)"
        "  AND o.id <> ALL(CAST(:ids AS uuid[])))"
    ), {"ids": [op.id for op in operations], "wallets": [op.wallet_id for op in operations],
        "created": [op.created_at for op in operations]}).scalars().all()
    return set(rows)


def lock_claimed(session: Session, operation_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Row locks on the batch's operations, in id order; the ids still unfinished.
    Re-read under lock: an operation another worker finished meanwhile is left alone."""
    rows = session.execute(text(
        "SELECT id FROM operations WHERE id = ANY(:ids) AND status = 'processing'"
        " ORDER BY id FOR UPDATE"
    ), {"ids": operation_ids}).scalars().all()
    return set(rows)


# Batch statements take their ids as one array parameter and are built once: whatever
# the batch's size, SQLAlchemy neither rebuilds them nor derives their cache key again.
#
# FOR NO KEY UPDATE, not FOR UPDATE: a posting changes balances, never a key, and the
# API's insert of a new operation takes FOR KEY SHARE on its wallet through the foreign
# key. FOR UPDATE would make every send from a wallet being posted wait for that whole
# posting transaction; this lock still excludes every other posting and state change.
_LOCK_WALLETS = (
    select(Wallet.id, Wallet.user_id, Wallet.status, Wallet.freeze_reason, Wallet.balance,
           Wallet.currency, Wallet.held)
    .where(Wallet.id == func.any(bindparam("ids", type_=ARRAY(Text))))
    .order_by(Wallet.id).with_for_update(key_share=True)
)
_LOCK_SYSTEM_ACCOUNTS = (
    select(SystemAccount.id, SystemAccount.balance)
    .where(SystemAccount.id == func.any(bindparam("ids", type_=ARRAY(Text))))
    .order_by(SystemAccount.id).with_for_update(key_share=True)
)


def lock_wallets_of_batch(session: Session, wallet_ids: set[str]) -> dict:
    """The batch's wallet rows, locked in id order (the order of every other posting),
    with their owners (the users a credit notifies)."""
    rows = session.execute(_LOCK_WALLETS, {"ids": sorted(wallet_ids)}).all()
    return {row.id: row for row in rows}


def lock_system_accounts(session: Session, accounts: dict[str, str]) -> dict[str, Decimal]:
    """Balances of these system accounts (id -> currency), created at zero on first use,
    locked after the wallets in id order, as the one-at-a-time path does."""
    if not accounts:
        return {}
    ids = sorted(accounts)
    session.execute(
        pg_insert(SystemAccount)
        .values([{"id": i, "currency": accounts[i], "balance": Decimal(0)} for i in ids])
        .on_conflict_do_nothing(index_elements=[SystemAccount.id])
    )
    rows = session.execute(_LOCK_SYSTEM_ACCOUNTS, {"ids": ids}).all()
    return {row.id: row.balance for row in rows}


# The instant a posting takes effect. Read under the row locks of every wallet it moves,
# so it comes after the commit of each earlier posting of those wallets; and never
# before (at least a microsecond after) their latest entry, even if the clock stepped
# back. Each wallet's entries are thus ordered by (created_at, seq) as they were
# applied, and no entry can later appear at an instant whose balance was already read
# (db/balances.py waits for a posting in flight before it reads).
_POSTING_INSTANT = text(
    "SELECT greatest(clock_timestamp(), max(latest.created_at) + interval '1 microsecond')"
    " FROM unnest(CAST(:ids AS text[])) AS w(id)"
    " LEFT JOIN LATERAL (SELECT e.created_at FROM ledger_entries e WHERE e.wallet_id = w.id"
    "  ORDER BY e.created_at DESC, e.seq DESC LIMIT 1) latest ON true"
)


# What the posting engine gives for each journal and entry (domain/posting.py), with
# the posting instant and the entry's place in the batch stamped here.
JOURNAL_COLUMNS = ("id", "reference_id", "operation_id", "category", "currency", "description",
                   "metadata", "created_at")
ENTRY_COLUMNS = ("id", "journal_id", "wallet_id", "system_account_id", "counterparty_wallet_id",
                 "amount", "balance_after", "created_at", "seq")


def write_batch(session: Session, journals: list[dict], entries: list[dict],
                wallet_balances: dict[str, Decimal], system_balances: dict[str, Decimal],
                wallet_held: dict[str, Decimal] | None = None) -> None:
    """A batch's postings: the instant they take effect, then every journal, every
    entry (stamped with that instant and their place in the batch, the order the
    engine applied them in), and the new balances (and held amounts) of the wallets
    and system accounts it moved. Called under the wallet row locks (db/posting.py
    `load_state`)."""
    if journals:
        posted_at = session.execute(_POSTING_INSTANT, {"ids": sorted(wallet_balances)}).scalar_one()
        for journal in journals:
            journal["created_at"] = posted_at
        for seq, entry in enumerate(entries):
            entry["created_at"], entry["seq"] = posted_at, seq
        bulk.insert_rows(session, Journal.__table__, JOURNAL_COLUMNS, journals)
        bulk.insert_rows(session, LedgerEntry.__table__, ENTRY_COLUMNS, entries)
    _set_wallets(session, wallet_balances, wallet_held or {})
    _set_balances(session, "system_accounts", system_balances, touch=False)


def _set_wallets(session: Session, balances: dict[str, Decimal], held: dict[str, Decimal]) -> None:
    """Balances and held amounts in one statement: the database checks held <= balance
    on each row as it is written, so the two must change together (a capture lowers
    both; a hold placed after a top-up in the same batch needs the new balance)."""
    ids = sorted(balances.keys() | held.keys())
    if not ids:
        return
    session.execute(text(
        "UPDATE wallets t SET balance = coalesce(v.balance, t.balance),"
        " held = coalesce(v.held, t.held), updated_at = now()"
        " FROM unnest(CAST(:ids AS text[]), CAST(:balances AS numeric[]),"
        "  CAST(:held AS numeric[])) AS v(id, balance, held)"
        " WHERE t.id = v.id"
    ), {"ids": ids, "balances": [balances.get(i) for i in ids], "held": [held.get(i) for i in ids]})


def _set_balances(session: Session, table: str, balances: dict[str, Decimal], touch: bool) -> None:
    if not balances:
        return
    ids = sorted(balances)
    touched = ", updated_at = now()" if touch else ""
    session.execute(text(
        f"UPDATE {table} t SET balance = v.balance{touched}"
        " FROM unnest(CAST(:ids AS text[]), CAST(:balances AS numeric[])) AS v(id, balance)"
        " WHERE t.id = v.id"
    ), {"ids": ids, "balances": [balances[i] for i in ids]})


def finish_batch(session: Session, outcomes: list[dict]) -> None:
    """Every operation of the batch reaches its final state in one statement."""
    if not outcomes:
        return
    session.execute(text(
        "UPDATE operations o SET status = v.status, reference_id = v.reference_id,"
        " error_code = v.error_code, error_message = v.error_message,"
        " finished_at = now(), updated_at = now()"
        " FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]),"
        "  CAST(:references AS text[]), CAST(:codes AS text[]), CAST(:messages AS text[]))"
        "  AS v(id, status, reference_id, error_code, error_message)"
        " WHERE o.id = v.id"
    ), {
        "ids": [o["id"] for o in outcomes],
        "statuses": [o["status"] for o in outcomes],
        "references": [o["reference_id"] for o in outcomes],
        "codes": [o["error_code"] for o in outcomes],
        "messages": [o["error_message"] for o in outcomes],
    })


def any_queued(session: Session) -> bool:
    return session.execute(text(
        "SELECT EXISTS (SELECT 1 FROM operations WHERE status = 'queued')")).scalar_one()


def requeue_abandoned(session: Session, dead_after_s: float, limit: int) -> int:
    """Put back operations claimed longer than `dead_after_s` ago (their worker died);
    how many. SKIP LOCKED: one being posted right now is left alone."""
    return len(session.execute(text(
        "UPDATE operations SET status = 'queued', updated_at = now() WHERE id IN ("
        " SELECT id FROM operations WHERE status = 'processing'"
        "  AND updated_at < now() - make_interval(secs => :dead)"
        " ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
        " RETURNING id"
    ), {"dead": dead_after_s, "limit": limit}).all())


def count_waiting(session: Session, stuck_after_s: float, limit: int) -> int:
    """Queued operations that waited longer than `stuck_after_s` (at most `limit`)."""
    return session.execute(text(
        "SELECT count(*) FROM (SELECT 1 FROM operations WHERE status = 'queued'"
        " AND updated_at < now() - make_interval(secs => :stuck) LIMIT :limit) w"
    ), {"stuck": stuck_after_s, "limit": limit}).scalar_one()
