"""Balances as of any instant: each ledger entry's place in its wallet's history.

An entry's `created_at` becomes the instant its posting took effect: one value per
posting transaction, taken under the row locks of every wallet the posting moves and
never earlier than the latest entry of those wallets (db/ledger.py `write_batch`). Until
now it was the transaction's start (`now()`), which two postings of one wallet could
take in one order and then lock the wallet in the other; and all entries of a batch
shared it, with nothing to say in which order a wallet's entries of one batch came.
`seq` is that order: the entry's place in the posting transaction that wrote it. So a
wallet's history is ordered by (created_at, seq), and its balance at an instant T is
the `balance_after` of its last entry with created_at <= T: one probe of the index
below, not a sum over the history.

Entries written before this revision keep their created_at; their `seq` is their
operation's acceptance order within their transaction, the order the posting engine
applied them in. The ledger is append-only, so the append-only trigger is switched
off for this one backfill, inside this migration's transaction.

Revision ID: 0015
Revises: 0012
"""
from alembic import op

revision = "0015"
down_revision = "0012"
branch_labels = None
depends_on = None

UPGRADE = """
ALTER TABLE ledger_entries ADD COLUMN seq INTEGER NOT NULL DEFAULT 0 CHECK (seq >= 0);
COMMENT ON COLUMN ledger_entries.created_at IS
    'The instant the posting took effect: one per posting transaction, taken under its wallet locks';
COMMENT ON COLUMN ledger_entries.seq IS
    'Place of the entry in the posting transaction that wrote it: orders entries of one instant';

ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only;
UPDATE ledger_entries e SET seq = ordered.seq
FROM (
    SELECT e.id, row_number() OVER (
        PARTITION BY e.created_at ORDER BY o.created_at, o.id, e.wallet_id NULLS LAST, e.id) - 1 AS seq
    FROM ledger_entries e
    JOIN journals j ON j.id = e.journal_id
    JOIN operations o ON o.id = j.operation_id
) ordered
WHERE ordered.id = e.id AND ordered.seq > 0;
ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only;

DROP INDEX ledger_entries_wallet_created;
CREATE INDEX ledger_entries_wallet_history ON ledger_entries (wallet_id, created_at, seq)
    INCLUDE (amount, balance_after) WHERE wallet_id IS NOT NULL;
"""

DOWNGRADE = """
DROP INDEX ledger_entries_wallet_history;
CREATE INDEX ledger_entries_wallet_created ON ledger_entries (wallet_id, created_at DESC)
    WHERE wallet_id IS NOT NULL;
ALTER TABLE ledger_entries DROP COLUMN seq;
COMMENT ON COLUMN ledger_entries.created_at IS NULL;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
