"""PINs: the pepper's key id beside each hash, and when the counted wrong PINs happened.

`pin_key_id` NULL marks a hash of the scheme before peppers (plain bcrypt of the PIN);
the application rewrites it under the current pepper at the PIN's next correct entry.
`failed_at` dates the consecutive wrong PINs (oldest first) so that those older than
24 h stop counting; rows already counting failures get their last update as the date.

Revision ID: 0010
Revises: 0009
"""
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
        ALTER TABLE wallet_pins
            ADD COLUMN pin_key_id TEXT,
            ADD COLUMN failed_at TIMESTAMPTZ[] NOT NULL DEFAULT '{}'
    """)
    op.execute("""
        UPDATE wallet_pins SET failed_at = array_fill(updated_at, ARRAY[failed_attempts::int])
         WHERE failed_attempts > 0
    """)


def downgrade() -> None:
    op.execute("ALTER TABLE wallet_pins DROP COLUMN failed_at, DROP COLUMN pin_key_id")
