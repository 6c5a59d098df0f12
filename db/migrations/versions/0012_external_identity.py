"""Users of an external identity service: the issuer's id of each, beside our own.

A user provisioned from an external token gets a local UUID like everyone else (every
foreign key stays as it is); `external_subject` is how the next token finds the row.

Revision ID: 0012
Revises: 0011
"""
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE users ADD COLUMN external_subject TEXT UNIQUE")


def downgrade() -> None:
    op.execute("ALTER TABLE users DROP COLUMN external_subject")
