"""ORM mappings of the tables the migrations create (the migrations are the truth;
`tests/test_schema.py` checks the two agree)."""
from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CHAR, TIMESTAMP, BigInteger, ForeignKey, Numeric, SmallInteger, Text, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Money = Numeric(20, 2, asdecimal=True)


class Base(DeclarativeBase):
    pass


def _now():
    return mapped_column(server_default=func.now())


class User(Base):
    __tablename__ = "users"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(Text, unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    full_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="user")
    is_active: Mapped[bool] = mapped_column(default=True)
    # The external identity service's id of the user (API.md section 19); NULL for
    # users of the built-in identity.
    external_subject: Mapped[str | None] = mapped_column(Text, unique=True)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    jti: Mapped[str] = mapped_column(Text, primary_key=True)
    family_id: Mapped[uuid.UUID] = mapped_column(UUID)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = _now()


class Wallet(Base):
    __tablename__ = "wallets"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), unique=True)
    balance: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    # The sum of the wallet's active holds (as payer): in `balance`, not spendable.
    held: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    currency: Mapped[str] = mapped_column(CHAR(3))
    status: Mapped[str] = mapped_column(Text, default="active")
    freeze_reason: Mapped[str | None] = mapped_column(Text)
    frozen_at: Mapped[datetime | None]
    kyc_verified: Mapped[bool] = mapped_column(default=False)
    kyc_tier: Mapped[int] = mapped_column(SmallInteger, default=0)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class WalletPin(Base):
    __tablename__ = "wallet_pins"
    wallet_id: Mapped[str] = mapped_column(ForeignKey("wallets.id"), primary_key=True)
    pin_hash: Mapped[str] = mapped_column(Text)
    # The pepper the hash was made under; None: plain bcrypt, from before peppers.
    pin_key_id: Mapped[str | None] = mapped_column(Text)
    failed_attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    # When the counted wrong PINs happened, oldest first (they stop counting after 24 h).
    failed_at: Mapped[list[datetime]] = mapped_column(ARRAY(TIMESTAMP(timezone=True)), default=list)
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class SystemAccount(Base):
    __tablename__ = "system_accounts"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    currency: Mapped[str] = mapped_column(CHAR(3))
    balance: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    created_at: Mapped[datetime] = _now()


class Operation(Base):
    __tablename__ = "operations"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    wallet_id: Mapped[str] = mapped_column(ForeignKey("wallets.id"))
    type: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, default="queued")
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(CHAR(3))
    idempotency_key: Mapped[str] = mapped_column(Text)
    request_fingerprint: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSONB, default=dict)
    reference_id: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(Text)
    error_message: Mapped[str | None] = mapped_column(Text)
    deliveries: Mapped[int] = mapped_column(default=0)
    request_id: Mapped[str | None] = mapped_column(Text)
    trace_context: Mapped[str | None] = mapped_column(Text)
    # A payout item's payout and its index in it (type payout_item only).
    payout_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payouts.id"))
    payout_index: Mapped[int | None]
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    finished_at: Mapped[datetime | None]


class Payout(Base):
    __tablename__ = "payouts"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    wallet_id: Mapped[str] = mapped_column(ForeignKey("wallets.id"))
    currency: Mapped[str] = mapped_column(CHAR(3))
    status: Mapped[str] = mapped_column(Text, default="queued")
    item_count: Mapped[int]
    completed_count: Mapped[int] = mapped_column(default=0)
    failed_count: Mapped[int] = mapped_column(default=0)
    total_amount: Mapped[Decimal] = mapped_column(Money)
    completed_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    description: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str] = mapped_column(Text)
    request_fingerprint: Mapped[str] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    finished_at: Mapped[datetime | None]


class Journal(Base):
    __tablename__ = "journals"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    reference_id: Mapped[str] = mapped_column(Text, unique=True)
    operation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("operations.id"), unique=True)
    category: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(CHAR(3))
    description: Mapped[str | None] = mapped_column(Text)
    metadata_: Mapped[dict] = mapped_column("metadata", JSONB, default=dict)
    created_at: Mapped[datetime] = _now()


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    journal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("journals.id"))
    wallet_id: Mapped[str | None] = mapped_column(ForeignKey("wallets.id"))
    system_account_id: Mapped[str | None] = mapped_column(ForeignKey("system_accounts.id"))
    counterparty_wallet_id: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal] = mapped_column(Money)
    balance_after: Mapped[Decimal] = mapped_column(Money)
    # The instant the posting took effect (db/ledger.py write_batch), and the entry's
    # place in that posting: a wallet's history is ordered by (created_at, seq).
    created_at: Mapped[datetime] = _now()
    seq: Mapped[int] = mapped_column(default=0)


class Hold(Base):
    __tablename__ = "holds"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True)
    operation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("operations.id"), unique=True)
    payer_wallet_id: Mapped[str] = mapped_column(ForeignKey("wallets.id"))
    payee_wallet_id: Mapped[str] = mapped_column(ForeignKey("wallets.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    captured_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    currency: Mapped[str] = mapped_column(CHAR(3))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, default="active")
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    finish_operation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("operations.id"),
                                                                  unique=True)


class Outbox(Base):
    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    task_name: Mapped[str] = mapped_column(Text)
    args: Mapped[list] = mapped_column(JSONB)
    headers: Mapped[dict] = mapped_column(JSONB, default=dict)
    created_at: Mapped[datetime] = _now()
    attempts: Mapped[int] = mapped_column(default=0)


class AuditLog(Base):
    __tablename__ = "audit_logs"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    audit_id: Mapped[uuid.UUID] = mapped_column(UUID, unique=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(UUID)
    actor_role: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    target_type: Mapped[str] = mapped_column(Text)
    target_id: Mapped[str | None] = mapped_column(Text)
    before_state: Mapped[dict | None] = mapped_column(JSONB)
    after_state: Mapped[dict | None] = mapped_column(JSONB)
    reason: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(Text)
    ip_address: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    prev_hash: Mapped[str | None] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(Text)


class Notification(Base):
    __tablename__ = "notifications"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    type: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    is_read: Mapped[bool] = mapped_column(default=False)
    metadata_: Mapped[dict] = mapped_column("metadata", JSONB, default=dict)
    created_at: Mapped[datetime] = _now()


class SystemSetting(Base):
    __tablename__ = "system_settings"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[dict | list | str | int | None] = mapped_column(JSONB)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class Dispute(Base):
    __tablename__ = "disputes"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    wallet_id: Mapped[str] = mapped_column(ForeignKey("wallets.id"))
    transaction_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ledger_entries.id"))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, default="open")
    resolution_notes: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None]
    refund_amount: Mapped[Decimal | None] = mapped_column(Money)
    refund_operation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("operations.id"))
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class ReconciliationRun(Base):
    __tablename__ = "reconciliation_runs"
    run_id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    trigger: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = _now()
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    ok: Mapped[bool | None]
    violations: Mapped[list] = mapped_column(JSONB, default=list)


class ReconciliationAlert(Base):
    __tablename__ = "reconciliation_alerts"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reconciliation_runs.run_id"))
    invariant: Mapped[str] = mapped_column(Text)
    violation_count: Mapped[int]
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _now()
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class KycSubmission(Base):
    __tablename__ = "kyc_submissions"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    doc_type: Mapped[str] = mapped_column(Text)
    doc_number_ciphertext: Mapped[bytes]
    key_id: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(Text)
    doc_number_masked: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, default="pending")
    auto_check_status: Mapped[str | None] = mapped_column(Text)
    auto_check_notes: Mapped[list] = mapped_column(JSONB, default=list)
    auto_checked_at: Mapped[datetime | None]
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class TransactionLimit(Base):
    __tablename__ = "transaction_limits"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    wallet_id: Mapped[str] = mapped_column(ForeignKey("wallets.id"))
    action: Mapped[str] = mapped_column(Text)
    per_transaction_limit: Mapped[Decimal | None] = mapped_column(Money)
    daily_limit: Mapped[Decimal | None] = mapped_column(Money)
    monthly_limit: Mapped[Decimal | None] = mapped_column(Money)
    source: Mapped[str] = mapped_column(Text)
    set_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    url: Mapped[str] = mapped_column(Text)
    events: Mapped[list[str]] = mapped_column(ARRAY(Text))
    secret_sealed: Mapped[bytes]
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = _now()
    deleted_at: Mapped[datetime | None]


class WebhookEvent(Base):
    __tablename__ = "webhook_events"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    type: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSONB)
    created_at: Mapped[datetime] = _now()


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook_events.id"))
    webhook_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook_endpoints.id"))
    status: Mapped[str] = mapped_column(Text, default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = _now()
    leased_until: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class WebhookDeliveryAttempt(Base):
    __tablename__ = "webhook_delivery_attempts"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    delivery_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook_deliveries.id"))
    attempt: Mapped[int]
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[int]
    attempted_at: Mapped[datetime] = _now()


class TrustedIp(Base):
    __tablename__ = "trusted_ips"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    ip_hash: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    trusted_at: Mapped[datetime] = _now()
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


Rate = Numeric(20, 10, asdecimal=True)


class FxRate(Base):
    __tablename__ = "fx_rates"
    base: Mapped[str] = mapped_column(CHAR(3), primary_key=True)
    quote: Mapped[str] = mapped_column(CHAR(3), primary_key=True)
    rate: Mapped[Decimal] = mapped_column(Rate)
    spread_bps: Mapped[int]
    updated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = _now()


class FxQuote(Base):
    __tablename__ = "fx_quotes"
    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    from_currency: Mapped[str] = mapped_column(CHAR(3))
    to_currency: Mapped[str] = mapped_column(CHAR(3))
    rate: Mapped[Decimal] = mapped_column(Rate)
    source_amount: Mapped[Decimal] = mapped_column(Money)
    target_amount: Mapped[Decimal] = mapped_column(Money)
    created_at: Mapped[datetime] = _now()
    expires_at: Mapped[datetime]
    used_by_operation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("operations.id"), unique=True)
    used_at: Mapped[datetime | None]
