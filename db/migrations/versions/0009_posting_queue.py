"""The posting worker claims queued operations oldest first, a batch at a time.

Revision ID: 0009
Revises: 0008
"""
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The claim reads the head of this index: queued operations in acceptance order.
    op.execute("CREATE INDEX operations_queued ON operations (created_at, id)"
               " WHERE status = 'queued'")


def downgrade() -> None:
    op.execute("DROP INDEX operations_queued")
