"""The deferred balance check looks each entry's currency up by primary key.

0017's check joined a journal's entries to `wallets` and `system_accounts` and grouped
them. It runs once per inserted entry at COMMIT, and PL/pgSQL keeps a generic plan for
it: on tables the planner holds no statistics for (a new database, or one where
autovacuum has not analysed them yet), that plan scanned `wallets` whole, once per
entry, so a posting batch of 100 transfers spent most of its time in COMMIT (posting
with a hot wallet fell from 600 to 140 operations a second on 10,000 wallets). Scalar
lookups by primary key cost the same whatever the statistics say: two or four index
probes per journal. The rule checked is unchanged: a journal's entries sum to zero in
each currency.

Revision ID: 0018
Revises: 0014
"""
from alembic import op

revision = "0018"
down_revision = "0014"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE OR REPLACE FUNCTION check_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE unbalanced RECORD;
BEGIN
    SELECT legs.currency, sum(legs.amount) AS total
      INTO unbalanced
      FROM (SELECT e.amount,
                   coalesce((SELECT w.currency FROM wallets w WHERE w.id = e.wallet_id),
                            (SELECT s.currency FROM system_accounts s
                              WHERE s.id = e.system_account_id)) AS currency
              FROM ledger_entries e
             WHERE e.journal_id = NEW.journal_id) AS legs
     GROUP BY legs.currency HAVING sum(legs.amount) <> 0
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal % is unbalanced by % in %', NEW.journal_id,
            unbalanced.total, unbalanced.currency
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
"""

# 0017's version, joined.
DOWNGRADE = """
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


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
