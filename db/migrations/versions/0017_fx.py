"""Multi-currency and FX (API.md section 17): exchange rates kept by administrators,
quotes bound to a user and used at most once, and journals balanced per currency.

A journal of a send across currencies has legs in two currencies (the sender's and
`fx:<FROM>` in one, `fx:<TO>` and the recipient's in the other): its entries must sum
to zero in each currency, not only in total, so the deferred balance trigger now
checks each currency (an entry's currency is its wallet's or system account's).

A quote row never changes once written, except to record the one operation that used
it: a trigger refuses anything else, whoever is connected.

Revision ID: 0017
Revises: 0012
"""
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None

MONEY = "NUMERIC(20, 2)"
RATE = "NUMERIC(20, 10)"

UPGRADE = f"""
CREATE TABLE fx_rates (
    base        CHAR(3) NOT NULL CHECK (base ~ '^[A-Z]{{3}}$'),
    quote       CHAR(3) NOT NULL CHECK (quote ~ '^[A-Z]{{3}}$'),
    rate        {RATE} NOT NULL CHECK (rate >= 0.000001 AND rate <= 1000000),
    spread_bps  INTEGER NOT NULL CHECK (spread_bps BETWEEN 0 AND 1000),
    updated_by  UUID REFERENCES users(id),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (base, quote),
    CHECK (base <> quote)
);

CREATE TABLE fx_quotes (
    id                   UUID PRIMARY KEY,
    user_id              UUID NOT NULL REFERENCES users(id),
    from_currency        CHAR(3) NOT NULL,
    to_currency          CHAR(3) NOT NULL,
    rate                 {RATE} NOT NULL CHECK (rate > 0),
    source_amount        {MONEY} NOT NULL CHECK (source_amount > 0),
    target_amount        {MONEY} NOT NULL CHECK (target_amount > 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at           TIMESTAMPTZ NOT NULL,
    -- The one operation that used the quote (its posting set it, under lock).
    used_by_operation_id UUID UNIQUE REFERENCES operations(id),
    used_at              TIMESTAMPTZ,
    CHECK (from_currency <> to_currency),
    CHECK (expires_at > created_at),
    CONSTRAINT used_iff_used_at CHECK ((used_by_operation_id IS NULL) = (used_at IS NULL))
);
CREATE INDEX fx_quotes_user_created ON fx_quotes (user_id, created_at DESC);

CREATE FUNCTION fx_quote_used_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.used_by_operation_id IS NOT NULL
       OR (NEW.id, NEW.user_id, NEW.from_currency, NEW.to_currency, NEW.rate,
           NEW.source_amount, NEW.target_amount, NEW.created_at, NEW.expires_at)
          IS DISTINCT FROM
          (OLD.id, OLD.user_id, OLD.from_currency, OLD.to_currency, OLD.rate,
           OLD.source_amount, OLD.target_amount, OLD.created_at, OLD.expires_at)
    THEN
        RAISE EXCEPTION 'fx quote % is used at most once and otherwise never changed', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER fx_quotes_used_once BEFORE UPDATE ON fx_quotes
    FOR EACH ROW EXECUTE FUNCTION fx_quote_used_once();

-- Checked at commit, once all of a journal's legs are in: per currency.
CREATE OR REPLACE FUNCTION check_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE unbalanced RECORD;
BEGIN
    SELECT coalesce(w.currency, s.currency) AS currency, sum(e.amount) AS total
      INTO unbalanced
      FROM ledger_entries e
      LEFT JOIN wallets w ON w.id = e.wallet_id
      LEFT JOIN system_accounts s ON s.id = e.system_account_id
     WHERE e.journal_id = NEW.journal_id
     GROUP BY 1 HAVING sum(e.amount) <> 0
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal % is unbalanced by % in %', NEW.journal_id,
            unbalanced.total, unbalanced.currency
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
"""

DOWNGRADE = """
CREATE OR REPLACE FUNCTION check_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total NUMERIC;
BEGIN
    SELECT sum(amount) INTO total FROM ledger_entries WHERE journal_id = NEW.journal_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'journal % is unbalanced by %', NEW.journal_id, total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
DROP TABLE fx_quotes, fx_rates;
DROP FUNCTION fx_quote_used_once();
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
