"""Identity, wallets, PINs, operations, the double-entry ledger and the outbox.

The constraints that keep money right live here, in the database, so that a bug in
the code cannot break them: wallet balances never negative, a journal's entries sum
to zero (checked at commit by a deferred constraint trigger), one journal per
operation, and posted rows never updated or deleted.

Revision ID: 0001
Revises:
"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

MONEY = "NUMERIC(20, 2)"

UPGRADE = f"""
CREATE TABLE users (
    id            UUID PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'user'
                  CHECK (role IN ('user', 'moderator', 'admin', 'super_admin')),
    is_active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per issued refresh token. A family is one login; rotating marks the old
-- row used, and presenting a used one revokes the family (token theft detection).
CREATE TABLE refresh_tokens (
    jti         TEXT PRIMARY KEY,
    family_id   UUID NOT NULL,
    user_id     UUID NOT NULL REFERENCES users(id),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE wallets (
    id            TEXT PRIMARY KEY CHECK (id ~ '^VPY-[A-Z0-9]{{6}}$'),
    user_id       UUID NOT NULL UNIQUE REFERENCES users(id),
    balance       {MONEY} NOT NULL DEFAULT 0 CHECK (balance >= 0),
    currency      CHAR(3) NOT NULL,
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'closed')),
    freeze_reason TEXT CHECK (freeze_reason IN ('self', 'admin', 'pin_lockout')),
    frozen_at     TIMESTAMPTZ,
    kyc_verified  BOOLEAN NOT NULL DEFAULT FALSE,
    kyc_tier      SMALLINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT freeze_reason_iff_frozen CHECK ((status = 'frozen') = (freeze_reason IS NOT NULL))
);

-- Kept apart from `wallets` so that a PIN check (which holds its row while bcrypt
-- runs) never blocks a posting that locks the balance row.
CREATE TABLE wallet_pins (
    wallet_id       TEXT PRIMARY KEY REFERENCES wallets(id),
    pin_hash        TEXT NOT NULL,
    failed_attempts SMALLINT NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Where money enters and leaves the system; balances may be negative.
CREATE TABLE system_accounts (
    id         TEXT PRIMARY KEY,
    currency   CHAR(3) NOT NULL,
    balance    {MONEY} NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE operations (
    id                  UUID PRIMARY KEY,
    user_id             UUID NOT NULL REFERENCES users(id),
    wallet_id           TEXT NOT NULL REFERENCES wallets(id),
    type                TEXT NOT NULL CHECK (type IN ('topup', 'send', 'withdraw', 'refund')),
    status              TEXT NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'processing', 'completed', 'failed')),
    amount              {MONEY} NOT NULL CHECK (amount > 0),
    currency            CHAR(3) NOT NULL,
    idempotency_key     TEXT NOT NULL,
    request_fingerprint TEXT NOT NULL,
    -- What the worker needs and nothing secret: never a PIN or a full account number.
    payload             JSONB NOT NULL DEFAULT '{{}}',
    reference_id        TEXT,
    error_code          TEXT,
    error_message       TEXT,
    deliveries          INTEGER NOT NULL DEFAULT 0,
    request_id          TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at         TIMESTAMPTZ,
    UNIQUE (user_id, idempotency_key),
    CONSTRAINT finished_iff_terminal
        CHECK ((status IN ('completed', 'failed')) = (finished_at IS NOT NULL)),
    CONSTRAINT error_iff_failed CHECK ((status = 'failed') = (error_code IS NOT NULL))
);
CREATE INDEX operations_user_created ON operations (user_id, created_at DESC);
CREATE INDEX operations_unfinished ON operations (updated_at)
    WHERE status IN ('queued', 'processing');

CREATE TABLE journals (
    id           UUID PRIMARY KEY,
    reference_id TEXT NOT NULL UNIQUE,
    -- One journal per operation: the database refuses a second posting.
    operation_id UUID NOT NULL UNIQUE REFERENCES operations(id),
    category     TEXT NOT NULL CHECK (category IN ('topup', 'transfer', 'withdrawal', 'refund')),
    currency     CHAR(3) NOT NULL,
    description  TEXT,
    metadata     JSONB NOT NULL DEFAULT '{{}}',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE ledger_entries (
    id                     UUID PRIMARY KEY,
    journal_id             UUID NOT NULL REFERENCES journals(id),
    wallet_id              TEXT REFERENCES wallets(id),
    system_account_id      TEXT REFERENCES system_accounts(id),
    counterparty_wallet_id TEXT,
    amount                 {MONEY} NOT NULL CHECK (amount <> 0),
    balance_after          {MONEY} NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT one_account CHECK ((wallet_id IS NULL) <> (system_account_id IS NULL))
);
CREATE INDEX ledger_entries_journal ON ledger_entries (journal_id);
CREATE INDEX ledger_entries_wallet_created ON ledger_entries (wallet_id, created_at DESC)
    WHERE wallet_id IS NOT NULL;

-- Jobs to publish, written in the same transaction as what they are about. The API
-- deletes a row once the broker took the message; the sweeper publishes the rest.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    task_name    TEXT NOT NULL,
    args         JSONB NOT NULL,
    headers      JSONB NOT NULL DEFAULT '{{}}',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_created ON outbox (created_at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER journals_append_only BEFORE UPDATE OR DELETE ON journals
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Checked at commit, once all of a journal's legs are in.
CREATE FUNCTION check_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total NUMERIC;
BEGIN
    SELECT sum(amount) INTO total FROM ledger_entries WHERE journal_id = NEW.journal_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'journal % is unbalanced by %', NEW.journal_id, total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_journal_balanced();
"""

DOWNGRADE = """
DROP TABLE outbox, ledger_entries, journals, operations, system_accounts, wallet_pins,
    wallets, refresh_tokens, users;
DROP FUNCTION check_journal_balanced();
DROP FUNCTION refuse_change();
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
