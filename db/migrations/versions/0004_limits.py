"""Transaction limits: per-wallet custom and admin limits, the KYC-tier defaults as
system settings, and the index the posting job sums a wallet's usage with.

Tier defaults (INR; per transaction / daily / monthly), chosen along the RBI's PPI
tiers: tier 0 is a wallet before KYC approval (a minimum-KYC wallet, 10,000 a month),
tier 1 a full-KYC wallet (transfers up to 2 lakh a month), tier 2 an enhanced tier for
later use. Operators change them without a restart by updating the rows
(`limits.tier<N>.<action>`); `db/system_settings.py` holds the same numbers as the
fallback for a missing row.

    tier 0  send_money    2,000 /    5,000 /    10,000
            topup         5,000 /   10,000 /    10,000
            withdraw      1,000 /    2,000 /     5,000
    tier 1  send_money   25,000 / 1,00,000 /  2,00,000
            topup        50,000 / 1,00,000 /  2,00,000
            withdraw     25,000 /   50,000 /  2,00,000
    tier 2  send_money 1,00,000 / 2,00,000 / 10,00,000
            topup      2,00,000 / 2,00,000 / 10,00,000
            withdraw   1,00,000 / 2,00,000 / 10,00,000

Revision ID: 0004
Revises: 0003
"""
import json

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MONEY = "NUMERIC(20, 2)"

# A snapshot, not an import: a migration must keep meaning what it meant when written.
TIER_DEFAULTS = {
    0: {"send_money": ("2000.00", "5000.00", "10000.00"),
        "topup": ("5000.00", "10000.00", "10000.00"),
        "withdraw": ("1000.00", "2000.00", "5000.00")},
    1: {"send_money": ("25000.00", "100000.00", "200000.00"),
        "topup": ("50000.00", "100000.00", "200000.00"),
        "withdraw": ("25000.00", "50000.00", "200000.00")},
    2: {"send_money": ("100000.00", "200000.00", "1000000.00"),
        "topup": ("200000.00", "200000.00", "1000000.00"),
        "withdraw": ("100000.00", "200000.00", "1000000.00")},
}

UPGRADE = f"""
-- One row per wallet and action when its limits differ from the tier defaults.
-- An empty field follows the tier default.
CREATE TABLE transaction_limits (
    id                    UUID PRIMARY KEY,
    wallet_id             TEXT NOT NULL REFERENCES wallets(id),
    action                TEXT NOT NULL CHECK (action IN ('send_money', 'topup', 'withdraw')),
    per_transaction_limit {MONEY} CHECK (per_transaction_limit > 0),
    daily_limit           {MONEY} CHECK (daily_limit > 0),
    monthly_limit         {MONEY} CHECK (monthly_limit > 0),
    source                TEXT NOT NULL CHECK (source IN ('custom', 'admin')),
    set_by                UUID NOT NULL REFERENCES users(id),
    reason                TEXT,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (wallet_id, action),
    CONSTRAINT some_limit CHECK (
        coalesce(per_transaction_limit, daily_limit, monthly_limit) IS NOT NULL),
    CONSTRAINT per_transaction_within_daily CHECK (per_transaction_limit <= daily_limit),
    CONSTRAINT daily_within_monthly CHECK (daily_limit <= monthly_limit),
    CONSTRAINT per_transaction_within_monthly CHECK (per_transaction_limit <= monthly_limit),
    CONSTRAINT admin_gives_reason CHECK (source <> 'admin' OR reason IS NOT NULL)
);
CREATE INDEX transaction_limits_updated ON transaction_limits (updated_at DESC);

-- What a wallet used today / this month: the posting job sums this under the wallet
-- lock, so it must be an index-only range scan.
CREATE INDEX operations_limit_usage ON operations (wallet_id, type, finished_at)
    INCLUDE (amount) WHERE status = 'completed';
"""

DOWNGRADE = """
DROP INDEX operations_limit_usage;
DROP TABLE transaction_limits;
DELETE FROM system_settings WHERE key LIKE 'limits.tier%';
"""


def _seed_sql() -> str:
    # Our own constants (no quotes in them), so a literal VALUES list is safe, and it
    # keeps `alembic upgrade --sql` working.
    values = ",\n".join(
        f"('limits.tier{tier}.{action}', '{json.dumps(_limits(per, daily, monthly))}'::jsonb)"
        for tier, actions in TIER_DEFAULTS.items()
        for action, (per, daily, monthly) in actions.items()
    )
    return f"INSERT INTO system_settings (key, value) VALUES\n{values}\nON CONFLICT (key) DO NOTHING;"


def _limits(per: str, daily: str, monthly: str) -> dict:
    return {"per_transaction_limit": per, "daily_limit": daily, "monthly_limit": monthly}


def upgrade() -> None:
    op.execute(UPGRADE)
    op.execute(_seed_sql())


def downgrade() -> None:
    op.execute(DOWNGRADE)
