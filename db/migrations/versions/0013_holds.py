"""Holds (two-phase payments, API.md section 14): money a payer reserves for a payee.

A hold keeps the money in the payer's `balance` and takes it out of what they can
spend: `wallets.held` caches the sum of the wallet's active holds, and the database
refuses a wallet whose holds exceed its balance, so no path can spend reserved money
even if the code forgot to look. The hold row is placed by its `hold` operation and
decided once, by exactly one `capture`, `void` or `expire` operation (the constraints
below: one placing operation, one deciding operation, and a status that says which).

Revision ID: 0013
Revises: 0017 (the head when this was written: one chain of revisions)
"""
from alembic import op

revision = "0013"
down_revision = "0017"
branch_labels = None
depends_on = None

MONEY = "NUMERIC(20, 2)"

UPGRADE = f"""
ALTER TABLE wallets ADD COLUMN held {MONEY} NOT NULL DEFAULT 0 CHECK (held >= 0);
ALTER TABLE wallets ADD CONSTRAINT held_within_balance CHECK (held <= balance);

ALTER TABLE operations DROP CONSTRAINT operations_type_check;
ALTER TABLE operations ADD CONSTRAINT operations_type_check CHECK (type IN (
    'topup', 'send', 'withdraw', 'refund', 'hold', 'capture', 'void', 'expire'));

CREATE TABLE holds (
    id                  UUID PRIMARY KEY,
    -- The hold operation that placed it: one hold per operation, whatever redelivers it.
    operation_id        UUID NOT NULL UNIQUE REFERENCES operations(id),
    payer_wallet_id     TEXT NOT NULL REFERENCES wallets(id),
    payee_wallet_id     TEXT NOT NULL REFERENCES wallets(id),
    amount              {MONEY} NOT NULL CHECK (amount > 0),
    captured_amount     {MONEY} NOT NULL DEFAULT 0,
    currency            CHAR(3) NOT NULL,
    description         TEXT,
    status              TEXT NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'captured', 'voided', 'expired')),
    expires_at          TIMESTAMPTZ NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ,
    -- The capture, void or expire operation that decided it: one, and only once.
    finish_operation_id UUID UNIQUE REFERENCES operations(id),
    CONSTRAINT hold_parties_differ CHECK (payer_wallet_id <> payee_wallet_id),
    CONSTRAINT hold_finished_iff_decided
        CHECK ((status = 'active') = (finished_at IS NULL)
               AND (status = 'active') = (finish_operation_id IS NULL)),
    CONSTRAINT hold_captured_amount
        CHECK (captured_amount <= amount
               AND (status = 'captured') = (captured_amount > 0)
               AND captured_amount >= 0)
);
-- The expiry job reads the head of this index: active holds, soonest expiry first.
CREATE INDEX holds_active_expiry ON holds (expires_at) WHERE status = 'active';
CREATE INDEX holds_payer_created ON holds (payer_wallet_id, created_at DESC);
CREATE INDEX holds_payee_created ON holds (payee_wallet_id, created_at DESC);
"""

# Captures are posted journals (append-only), so their operations stay: the old type
# check comes back NOT VALID, binding new rows only.
DOWNGRADE = """
DROP TABLE holds;
ALTER TABLE operations DROP CONSTRAINT operations_type_check;
ALTER TABLE operations ADD CONSTRAINT operations_type_check
    CHECK (type IN ('topup', 'send', 'withdraw', 'refund')) NOT VALID;
ALTER TABLE wallets DROP COLUMN held;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
