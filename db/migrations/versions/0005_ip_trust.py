"""Trusted IPs.

A user's confirmed IPs, stored only as HMAC-SHA-256 under the server's IP_HASH_KEY.
At most one live (not revoked) row per user and IP: confirming it again renews that
row; revoking it ends it, and a later confirmation starts a new one. `source` says
how it was trusted: the first IP a user ever transacts from (`first_use`) or an
emailed confirmation (`email`). Rows are kept after revocation and expiry, so "has
this user ever trusted an IP" stays answerable.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE trusted_ips (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users(id),
    ip_hash     TEXT NOT NULL CHECK (ip_hash ~ '^[0-9a-f]{64}$'),
    source      TEXT NOT NULL CHECK (source IN ('first_use', 'email')),
    trusted_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    CONSTRAINT expires_after_trusted CHECK (expires_at > trusted_at)
);
CREATE UNIQUE INDEX trusted_ips_one_live ON trusted_ips (user_id, ip_hash)
    WHERE revoked_at IS NULL;
CREATE INDEX trusted_ips_user ON trusted_ips (user_id, trusted_at DESC);
"""

DOWNGRADE = """
DROP TABLE trusted_ips;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
