"""Disputes and refunds.

A dispute is raised against one of the disputer's own debit ledger rows. At most one
dispute per transaction is open at a time (a partial unique index, so a race between
two requests cannot slip a second one in). A `refund` resolution points at the refund
operation it created; the refund itself is an ordinary operation and posting, so the
original rows never change.

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE disputes (
    id                  UUID PRIMARY KEY,
    user_id             UUID NOT NULL REFERENCES users(id),
    wallet_id           TEXT NOT NULL REFERENCES wallets(id),
    transaction_id      UUID NOT NULL REFERENCES ledger_entries(id),
    reason              TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'resolved_rejected', 'resolved_refund')),
    resolution_notes    TEXT,
    resolved_by         UUID REFERENCES users(id),
    resolved_at         TIMESTAMPTZ,
    refund_amount       NUMERIC(20, 2) CHECK (refund_amount > 0),
    refund_operation_id UUID UNIQUE REFERENCES operations(id),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT resolved_iff_not_open
        CHECK ((status = 'open') = (resolved_at IS NULL AND resolved_by IS NULL)),
    CONSTRAINT refund_iff_refund_resolution
        CHECK ((status = 'resolved_refund')
               = (refund_operation_id IS NOT NULL AND refund_amount IS NOT NULL))
);
CREATE UNIQUE INDEX disputes_one_open_per_transaction ON disputes (transaction_id)
    WHERE status = 'open';
CREATE INDEX disputes_user_created ON disputes (user_id, created_at DESC);
CREATE INDEX disputes_status_created ON disputes (status, created_at DESC);
CREATE INDEX disputes_transaction ON disputes (transaction_id);
"""

DOWNGRADE = """
DROP TABLE disputes;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
