"""A wallet's ledger history written straight into the database, for reads of the past
(balances at an instant, statements over many days): the worker stamps what it posts
with the present, so a history spread over days is written here, as the posting
engine writes it. Each posting is a completed top-up (a credit) or withdrawal (a
debit) with its journal and its two legs; all postings of one instant share it, as the
postings of one batch do, in the order given (`seq`). Wallet and system-account
balances move with them, so the ledger invariants keep holding."""
from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from domain.ledger import new_reference_id


def write(db, owner, batches: list[tuple[datetime | None, list[Decimal]]]) -> None:
    """Post `batches` (instant, signed amounts) on `owner`'s wallet, in the caller's
    transaction when there is one. An instant of None is the database's clock, taken
    under the wallet's row lock, as a posting takes it."""
    wallet_id = owner.wallet_id
    (balance,) = db.execute("SELECT balance FROM wallets WHERE id = %s FOR NO KEY UPDATE",
                            (wallet_id,)).fetchone()
    moved = {"topup": Decimal(0), "withdrawal": Decimal(0)}
    for purpose in moved:
        db.execute("INSERT INTO system_accounts (id, currency, balance) VALUES (%s, 'INR', 0)"
                   " ON CONFLICT (id) DO NOTHING", (f"external:{purpose}:INR",))
    for instant, amounts in batches:
        if instant is None:
            (instant,) = db.execute("SELECT clock_timestamp()").fetchone()
        for seq, amount in enumerate(amounts):
            balance += amount
            purpose = "topup" if amount > 0 else "withdrawal"
            moved[purpose] -= amount
            _posting(db, owner, instant, 2 * seq, amount, balance, purpose)
    db.execute("UPDATE wallets SET balance = %s WHERE id = %s", (balance, wallet_id))
    for purpose, amount in moved.items():
        db.execute("UPDATE system_accounts SET balance = balance + %s WHERE id = %s",
                   (amount, f"external:{purpose}:INR"))


def _posting(db, owner, instant: datetime, seq: int, amount: Decimal, balance: Decimal,
             purpose: str) -> None:
    operation_id, journal_id = uuid.uuid4(), uuid.uuid4()
    kind, category = ("topup", "topup") if amount > 0 else ("withdraw", "withdrawal")
    db.execute(
        "INSERT INTO operations (id, user_id, wallet_id, type, status, amount, currency,"
        " idempotency_key, request_fingerprint, payload, created_at, updated_at, finished_at)"
        " VALUES (%s, %s, %s, %s, 'completed', %s, 'INR', %s, 'x', '{}', %s, %s, %s)",
        (operation_id, owner.user_id, owner.wallet_id, kind, abs(amount), uuid.uuid4().hex,
         instant, instant, instant))
    db.execute(
        "INSERT INTO journals (id, reference_id, operation_id, category, currency, created_at)"
        " VALUES (%s, %s, %s, %s, 'INR', %s)",
        (journal_id, new_reference_id(), operation_id, category, instant))
    db.execute(
        "INSERT INTO ledger_entries (id, journal_id, wallet_id, system_account_id, amount,"
        " balance_after, created_at, seq) VALUES"
        " (%s, %s, %s, NULL, %s, %s, %s, %s), (%s, %s, NULL, %s, %s, 0, %s, %s)",
        (uuid.uuid4(), journal_id, owner.wallet_id, amount, balance, instant, seq,
         uuid.uuid4(), journal_id, f"external:{purpose}:INR", -amount, instant, seq + 1))


def entries(db, owner) -> list[tuple[datetime, int, Decimal, Decimal, str]]:
    """The wallet's entries as stored: (created_at, seq, amount, balance_after, id)."""
    return db.execute(
        "SELECT created_at, seq, amount, balance_after, id::text FROM ledger_entries"
        " WHERE wallet_id = %s", (owner.wallet_id,)).fetchall()


def replay(history, at: datetime) -> Decimal:
    """The balance at `at` by replaying the entries: the sum of the amounts of those
    posted at or before it, whatever their order."""
    return sum((amount for created_at, _, amount, _, _ in history if created_at <= at), Decimal("0.00"))
