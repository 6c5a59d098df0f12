"""KYC submissions with encrypted documents.

The plain document number is never stored: only its AES-256-GCM ciphertext (with the
id of the key that sealed it), a keyed fingerprint for duplicate detection, and a
masked form showing the last four characters. The rules that must survive a bug or a
race live here: one pending-or-verified submission per user, and a document verified
for at most one user.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE kyc_submissions (
    id                    UUID PRIMARY KEY,
    user_id               UUID NOT NULL REFERENCES users(id),
    doc_type              TEXT NOT NULL
                          CHECK (doc_type IN ('aadhaar', 'pan', 'passport', 'driving_license', 'voter_id')),
    -- nonce (12 bytes) || ciphertext || GCM tag (16 bytes)
    doc_number_ciphertext BYTEA NOT NULL CHECK (length(doc_number_ciphertext) > 28),
    key_id                TEXT NOT NULL,
    fingerprint           TEXT NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    doc_number_masked     TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'pending'
                          CHECK (status IN ('pending', 'verified', 'rejected')),
    auto_check_status     TEXT CHECK (auto_check_status IN ('passed', 'flagged')),
    auto_check_notes      JSONB NOT NULL DEFAULT '[]',
    auto_checked_at       TIMESTAMPTZ,
    rejection_reason      TEXT,
    reviewed_by           UUID REFERENCES users(id),
    reviewed_at           TIMESTAMPTZ,
    submitted_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT checked_iff_check_time
        CHECK ((auto_check_status IS NULL) = (auto_checked_at IS NULL)),
    CONSTRAINT decided_iff_reviewed
        CHECK ((status = 'pending') = (reviewed_at IS NULL AND reviewed_by IS NULL)),
    CONSTRAINT reason_iff_rejected
        CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
);
-- One submission under review or accepted per user; a rejected one may be followed.
CREATE UNIQUE INDEX kyc_one_live_per_user ON kyc_submissions (user_id)
    WHERE status IN ('pending', 'verified');
-- A document verifies one person: the approve-time race ends here, not in two wallets.
CREATE UNIQUE INDEX kyc_verified_fingerprint ON kyc_submissions (fingerprint)
    WHERE status = 'verified';
CREATE INDEX kyc_fingerprint ON kyc_submissions (fingerprint);
CREATE INDEX kyc_user_submitted ON kyc_submissions (user_id, submitted_at DESC);
CREATE INDEX kyc_queue ON kyc_submissions (status, submitted_at);
CREATE INDEX kyc_key_id ON kyc_submissions (key_id);
"""

DOWNGRADE = """
DROP TABLE kyc_submissions;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
