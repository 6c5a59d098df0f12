"""Audit trail, notifications and system settings: what the trust flows write.

The audit table is append-only in the database itself: a trigger refuses UPDATE,
DELETE and TRUNCATE whoever is connected, table owner and superuser included. Rows
are hash-chained (each `hash` covers the row's content and the previous row's hash).

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE audit_logs (
    id           BIGSERIAL PRIMARY KEY,
    audit_id     UUID NOT NULL UNIQUE,
    actor_id     UUID,
    actor_role   TEXT,
    action       TEXT NOT NULL CHECK (action ~ '^[A-Z_]+$'),
    target_type  TEXT NOT NULL,
    target_id    TEXT,
    before_state JSONB,
    after_state  JSONB,
    reason       TEXT,
    request_id   TEXT,
    ip_address   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    prev_hash    TEXT,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_logs_actor ON audit_logs (actor_id, created_at);
CREATE INDEX audit_logs_target ON audit_logs (target_type, target_id);

CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE notifications (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users(id),
    type       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    is_read    BOOLEAN NOT NULL DEFAULT FALSE,
    metadata   JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE NOT is_read;

-- Typed settings that take effect without a restart (limits per KYC tier, ...).
CREATE TABLE system_settings (
    key        TEXT PRIMARY KEY,
    value      JSONB NOT NULL,
    updated_by UUID REFERENCES users(id),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""

DOWNGRADE = """
DROP TABLE system_settings, notifications, audit_logs;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
