"""Each operation keeps the trace context of the request that accepted it.

Posting is batched and coalesced (workers/posting.py, workers/doorbell.py): the job
that posts an operation was often published by another request, or by none. The
posting span links to the trace each operation's row names (docs/observability.md).
NULL when tracing is off.

Revision ID: 0011
Revises: 0010
"""
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE operations ADD COLUMN trace_context text")


def downgrade() -> None:
    op.execute("ALTER TABLE operations DROP COLUMN trace_context")
