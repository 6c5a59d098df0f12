"""Operation and ledger-row representations (the contract's section 5)."""
from marshmallow import fields, validate

from domain.ledger import OPERATION_TYPES
from web.fields import Money, PageArgs, StrictSchema

STATUSES = ("queued", "processing", "completed", "failed")


class TransactionSchema(StrictSchema):
    transaction_id = fields.UUID()
    reference_id = fields.String(metadata={"example": "VP-TXN-7Q2M9K4ZP1"})
    operation_id = fields.UUID()
    wallet_id = fields.String()
    type = fields.String(metadata={"enum": ["credit", "debit"]})
    category = fields.String(metadata={"enum": ["topup", "transfer", "withdrawal", "refund"]})
    amount = Money()
    balance_after = Money()
    currency = fields.String()
    status = fields.String()
    counterparty_wallet_id = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    metadata = fields.Dict()
    created_at = fields.DateTime()


class OperationResultSchema(StrictSchema):
    reference_id = fields.String()
    transactions = fields.List(fields.Nested(TransactionSchema))
    hold_id = fields.UUID(metadata={
        "description": "Operations on a hold only (hold, capture, void, expire): the hold"
                       " (GET /holds/{hold_id})"})


class OperationErrorSchema(StrictSchema):
    error_code = fields.String(metadata={"example": "INSUFFICIENT_BALANCE"})
    message = fields.String()


class OperationSchema(StrictSchema):
    operation_id = fields.UUID()
    type = fields.String(metadata={"enum": list(OPERATION_TYPES)})
    status = fields.String(metadata={"enum": list(STATUSES)})
    amount = Money()
    currency = fields.String()
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    result = fields.Nested(OperationResultSchema, allow_none=True)
    error = fields.Nested(OperationErrorSchema, allow_none=True)


class OperationListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(STATUSES))
    type = fields.String(validate=validate.OneOf(OPERATION_TYPES))
