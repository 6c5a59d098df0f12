"""Dispute request bodies, filters and representations (the contract's section 9)."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from domain.disputes import REFUND, RESOLUTIONS, STATUSES
from web.auth.schemas import TrimmedString
from web.fields import Money, PageArgs, StrictSchema
from web.operations.schemas import STATUSES as OPERATION_STATUSES


class RaiseDisputeSchema(StrictSchema):
    transaction_id = fields.UUID(required=True, metadata={
        "description": "One of your debit rows of a send or a withdrawal",
        "example": "3d6c1f0e-9a7b-4c2d-8e5f-1a2b3c4d5e6f"})
    reason = TrimmedString(required=True, validate=validate.Length(min=1, max=1000),
                           metadata={"example": "The seller never delivered the goods"})


class ResolveDisputeSchema(StrictSchema):
    resolution = fields.String(required=True, validate=validate.OneOf(list(RESOLUTIONS)))
    refund_amount = Money(metadata={
        "description": "Only with `refund`; defaults to everything still refundable"})
    resolution_notes = TrimmedString(required=True, validate=validate.Length(min=1, max=1000),
                                     metadata={"example": "Merchant confirmed non-delivery"})

    @validates_schema(skip_on_field_errors=True)
    def _amount_only_with_refund(self, data, **_):
        if "refund_amount" in data and data["resolution"] != REFUND:
            raise ValidationError("Only a refund has an amount", "refund_amount")


class DisputeListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(STATUSES))


class AdminDisputeListArgs(DisputeListArgs):
    user_id = fields.UUID(metadata={"description": "Disputes raised by this user"})


class DisputeSchema(StrictSchema):
    dispute_id = fields.UUID()
    transaction_id = fields.UUID()
    reference_id = fields.String(metadata={"example": "VP-TXN-7Q2M9K4ZP1"})
    category = fields.String(metadata={"enum": ["transfer", "withdrawal"]})
    amount = Money(metadata={"description": "The disputed transaction's amount"})
    currency = fields.String()
    wallet_id = fields.String()
    reason = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    resolution = fields.String(allow_none=True, metadata={"enum": list(RESOLUTIONS)})
    resolution_notes = fields.String(allow_none=True)
    resolved_at = fields.DateTime(allow_none=True)
    refund_amount = Money(allow_none=True)
    refund_operation_id = fields.UUID(allow_none=True, metadata={
        "description": "Poll GET /operations/{operation_id} for the refund's outcome"})
    refund_status = fields.String(allow_none=True, metadata={"enum": list(OPERATION_STATUSES)})
    refund_error_code = fields.String(allow_none=True, metadata={"example": "INSUFFICIENT_BALANCE"})
    refundable_amount = Money(metadata={
        "description": "What may still be refunded: the amount less every refund not failed"})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AdminDisputeSchema(DisputeSchema):
    user_id = fields.UUID()
    resolved_by = fields.UUID(allow_none=True)
