"""Admin console filters, bodies and representations (the contract's section 12)."""
from __future__ import annotations

from marshmallow import fields, validate

from domain.ledger import OPERATION_TYPES
from web.auth.schemas import TrimmedString
from web.fields import Money, PageArgs, StrictSchema
from web.operations.schemas import STATUSES as OPERATION_STATUSES
from web.operations.schemas import OperationSchema, TransactionSchema
from web.transactions.schemas import HistoryArgs
from web.wallets.schemas import STATUSES as WALLET_STATUSES
from web.wallets.schemas import WALLET_ID, WalletSchema

_WALLET_ID = validate.Regexp(r"^VPY-[A-Z0-9]{6}\Z", error="Not a wallet id (VPY-XXXXXX)")


# --- wallets --------------------------------------------------------------------------
class AdminWalletListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(WALLET_STATUSES))
    kyc_verified = fields.Boolean()
    user_id = fields.UUID()


class AdminWalletSchema(WalletSchema):
    user_id = fields.UUID()
    owner_email = fields.String()
    frozen_at = fields.DateTime(allow_none=True)


class AdminWalletDetailSchema(AdminWalletSchema):
    recent_transactions = fields.List(fields.Nested(TransactionSchema), metadata={
        "description": "The wallet's 20 most recent ledger rows, newest first"})
    transaction_count = fields.Integer(metadata={"description": "All the wallet's ledger rows"})


class FreezeSchema(StrictSchema):
    reason = TrimmedString(required=True, validate=validate.Length(min=1, max=500),
                           metadata={"example": "Chargeback fraud under investigation"})


class UnfreezeSchema(StrictSchema):
    reason = TrimmedString(load_default=None, allow_none=True,
                           validate=validate.Length(min=1, max=500),
                           metadata={"example": "Investigation closed"})


# --- ledger rows and operations -------------------------------------------------------
class AdminTransactionListArgs(HistoryArgs):
    status = fields.String(validate=validate.OneOf(["pending", "completed", "failed"]),
                           metadata={"description": "Posted rows are always completed"})
    wallet_id = fields.String(validate=_WALLET_ID, metadata=WALLET_ID)


class AdminOperationListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(OPERATION_STATUSES))
    type = fields.String(validate=validate.OneOf(OPERATION_TYPES))
    user_id = fields.UUID()
    wallet_id = fields.String(validate=_WALLET_ID, metadata=WALLET_ID)


class AdminOperationSchema(OperationSchema):
    user_id = fields.UUID()
    wallet_id = fields.String(metadata=WALLET_ID)


# --- settings -------------------------------------------------------------------------
class SettingSchema(StrictSchema):
    key = fields.String(metadata={"example": "limits.tier0.send_money"})
    value = fields.Raw(metadata={"description": "JSON value of the setting's type"})
    type = fields.String(metadata={"example": "limits"})
    description = fields.String()
    default = fields.Raw()
    is_default = fields.Boolean(metadata={"description": "True while nobody has set it"})
    updated_at = fields.DateTime(allow_none=True)
    updated_by = fields.UUID(allow_none=True)


class SettingChangeSchema(StrictSchema):
    value = fields.Raw(required=True, allow_none=False, metadata={
        "description": "Checked against the setting's type",
        "example": {"per_transaction_limit": "5000.00", "daily_limit": "10000.00",
                    "monthly_limit": "20000.00"}})


# --- statistics -----------------------------------------------------------------------
def _by(keys, value_field, description: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(validate=validate.OneOf(keys)), values=value_field,
                       metadata={"description": description})


class StatsSchema(StrictSchema):
    total_users = fields.Integer()
    total_wallets = fields.Integer()
    active_wallets = fields.Integer()
    frozen_wallets = fields.Integer()
    closed_wallets = fields.Integer()
    total_transaction_volume = _by(OPERATION_TYPES, Money(),
                                   "Sum of completed operation amounts by operation type, in"
                                   " whatever currency each was: with more than one currency,"
                                   " read transaction_volume_by_currency")
    transaction_volume_by_currency = fields.Dict(
        keys=fields.String(metadata={"example": "INR"}),
        values=_by(OPERATION_TYPES, Money(), "Sum of completed operation amounts by type"),
        metadata={"description": "The same sums kept apart by the operations' currency"})
    pending_kyc_count = fields.Integer()
    open_disputes = fields.Integer()
    operations_by_status = _by(OPERATION_STATUSES, fields.Integer(),
                               "Number of operations in each state")
