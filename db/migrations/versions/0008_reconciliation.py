"""Ledger reconciliation runs and alerts.

A run is requested (by beat or by an admin), checked by the `reconcile_ledger` job and
finished with the invariants it found broken. Every broken invariant of a run raises
one alert row, which stays until an operator acknowledges it.

Revision ID: 0008
Revises: 0007
"""
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE reconciliation_runs (
    run_id       UUID PRIMARY KEY,
    trigger      TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    requested_by UUID REFERENCES users(id),
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    ok           BOOLEAN,
    violations   JSONB NOT NULL DEFAULT '[]',
    CONSTRAINT outcome_iff_finished CHECK ((finished_at IS NULL) = (ok IS NULL)),
    CONSTRAINT started_before_finished CHECK (finished_at IS NULL OR started_at <= finished_at)
);
CREATE INDEX reconciliation_runs_requested ON reconciliation_runs (requested_at DESC);

CREATE TABLE reconciliation_alerts (
    id              BIGSERIAL PRIMARY KEY,
    run_id          UUID NOT NULL REFERENCES reconciliation_runs(run_id),
    invariant       TEXT NOT NULL,
    violation_count INTEGER NOT NULL CHECK (violation_count > 0),
    detail          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    acknowledged_at TIMESTAMPTZ,
    acknowledged_by UUID REFERENCES users(id)
);
CREATE INDEX reconciliation_alerts_open ON reconciliation_alerts (created_at DESC)
    WHERE acknowledged_at IS NULL;
"""

DOWNGRADE = """
DROP TABLE reconciliation_alerts, reconciliation_runs;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
