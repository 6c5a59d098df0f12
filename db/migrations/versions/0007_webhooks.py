"""Webhook endpoints and deliveries.

An endpoint is a user's subscription (URL, events, sealed signing secret). An event
is what happened, written once in the transaction that made it happen; a delivery is
that event owed to one endpoint, and every HTTP attempt at it is recorded.

Revision ID: 0007
Revises: 0006
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE webhook_endpoints (
    id            UUID PRIMARY KEY,
    user_id       UUID NOT NULL REFERENCES users(id),
    url           TEXT NOT NULL CHECK (length(url) <= 2048),
    events        TEXT[] NOT NULL CHECK (cardinality(events) > 0),
    -- AES-GCM (nonce || ciphertext) under a server key: the secret must be readable
    -- to sign, but a database dump alone must not reveal it.
    secret_sealed BYTEA NOT NULL,
    is_active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at    TIMESTAMPTZ,
    CONSTRAINT deleted_iff_inactive CHECK (is_active = (deleted_at IS NULL))
);
-- The posting path's one lookup: a user's live subscriptions.
CREATE INDEX webhook_endpoints_active_user ON webhook_endpoints (user_id) WHERE is_active;

CREATE TABLE webhook_events (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users(id),
    type       TEXT NOT NULL,
    data       JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id              UUID PRIMARY KEY,
    event_id        UUID NOT NULL REFERENCES webhook_events(id),
    webhook_id      UUID NOT NULL REFERENCES webhook_endpoints(id),
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Set while one worker is sending, so a duplicate job message cannot send twice.
    leased_until    TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (event_id, webhook_id),
    CONSTRAINT delivered_at_iff_delivered CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at DESC);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';

CREATE TABLE webhook_delivery_attempts (
    id           BIGSERIAL PRIMARY KEY,
    delivery_id  UUID NOT NULL REFERENCES webhook_deliveries(id),
    attempt      INTEGER NOT NULL CHECK (attempt > 0),
    status_code  INTEGER,
    error        TEXT,
    duration_ms  INTEGER NOT NULL CHECK (duration_ms >= 0),
    attempted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (delivery_id, attempt)
);
"""

DOWNGRADE = """
DROP TABLE webhook_delivery_attempts, webhook_deliveries, webhook_events, webhook_endpoints;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
