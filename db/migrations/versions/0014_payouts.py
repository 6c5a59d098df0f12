"""Bulk payouts (API.md section 15): the payout, and its items as operations of type
`payout_item` (one posting each, through the one posting engine).

A payout is created once per (user, Idempotency-Key), like an operation. Its counters
move in the posting transaction of its items, so they always agree with them; the
status follows the counters. An item is an operation row with its payout and index
(unique), so that one item can never become two operations.

Revision ID: 0014
Revises: 0013 (holds, the head of main when this was written: one chain of revisions)
"""
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

MONEY = "NUMERIC(20, 2)"

UPGRADE = f"""
CREATE TABLE payouts (
    id                  UUID PRIMARY KEY,
    user_id             UUID NOT NULL REFERENCES users(id),
    wallet_id           TEXT NOT NULL REFERENCES wallets(id),
    currency            CHAR(3) NOT NULL,
    status              TEXT NOT NULL DEFAULT 'queued' CHECK (status IN
                        ('queued', 'processing', 'completed', 'partially_completed', 'failed')),
    item_count          INTEGER NOT NULL CHECK (item_count > 0),
    completed_count     INTEGER NOT NULL DEFAULT 0 CHECK (completed_count >= 0),
    failed_count        INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
    total_amount        {MONEY} NOT NULL CHECK (total_amount > 0),
    completed_amount    {MONEY} NOT NULL DEFAULT 0 CHECK (completed_amount >= 0),
    description         TEXT,
    idempotency_key     TEXT NOT NULL,
    request_fingerprint TEXT NOT NULL,
    request_id          TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at         TIMESTAMPTZ,
    UNIQUE (user_id, idempotency_key),
    CONSTRAINT payout_counts_within_items CHECK (completed_count + failed_count <= item_count),
    CONSTRAINT payout_paid_within_total CHECK (completed_amount <= total_amount),
    CONSTRAINT payout_finished_iff_terminal CHECK (
        (status IN ('completed', 'partially_completed', 'failed')) = (finished_at IS NOT NULL)),
    CONSTRAINT payout_finished_iff_all_items CHECK (
        (finished_at IS NOT NULL) = (completed_count + failed_count = item_count))
);
CREATE INDEX payouts_user_created ON payouts (user_id, created_at DESC);

ALTER TABLE operations ADD COLUMN payout_id UUID REFERENCES payouts(id),
                       ADD COLUMN payout_index INTEGER;
ALTER TABLE operations DROP CONSTRAINT operations_type_check;
ALTER TABLE operations ADD CONSTRAINT operations_type_check CHECK (type IN (
    'topup', 'send', 'withdraw', 'refund', 'hold', 'capture', 'void', 'expire', 'payout_item'));
ALTER TABLE operations ADD CONSTRAINT payout_item_iff_payout CHECK (
    (type = 'payout_item') = (payout_id IS NOT NULL)
    AND (payout_id IS NULL) = (payout_index IS NULL));
-- One operation per item; GET /payouts/{{id}}/items reads them in index order.
CREATE UNIQUE INDEX operations_payout_items ON operations (payout_id, payout_index)
    WHERE payout_id IS NOT NULL;
"""

# Refused (by the type check) while payout items exist: posted money is never dropped.
DOWNGRADE = """
DROP INDEX operations_payout_items;
ALTER TABLE operations DROP CONSTRAINT payout_item_iff_payout;
ALTER TABLE operations DROP CONSTRAINT operations_type_check;
ALTER TABLE operations ADD CONSTRAINT operations_type_check CHECK (type IN (
    'topup', 'send', 'withdraw', 'refund', 'hold', 'capture', 'void', 'expire'));
ALTER TABLE operations DROP COLUMN payout_index, DROP COLUMN payout_id;
DROP TABLE payouts;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
