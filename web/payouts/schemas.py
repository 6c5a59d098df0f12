"""Bulk payout bodies and representations (the contract's section 15)."""
from marshmallow import fields, validate

from domain.payouts import ITEM_STATUSES, STATUSES
from web.fields import Money, PageArgs, StrictSchema
from web.pin.schemas import pin_field

REFERENCE_MAX = 140


class PayoutItemSchema(StrictSchema):
    recipient_wallet_id = fields.String(required=True, validate=validate.Regexp(
        r"^VPY-[A-Z0-9]{6}\Z", error="Not a wallet id (VPY-XXXXXX)"),
        metadata={"example": "VPY-M4X8TZ"})
    amount = Money(required=True)
    reference = fields.String(load_default=None, allow_none=True,
                              validate=validate.Length(min=1, max=REFERENCE_MAX),
                              metadata={"example": "salary-2026-11-0042",
                                        "description": "Yours, shown to the recipient and kept"
                                                       " with the ledger rows"})


class PayoutCreateSchema(StrictSchema):
    items = fields.List(fields.Nested(PayoutItemSchema), required=True,
                        validate=validate.Length(min=1),
                        metadata={"example": [{"recipient_wallet_id": "VPY-M4X8TZ",
                                               "amount": "250.00", "reference": "salary-0042"}],
                                  "description": "1 to PAYOUT_MAX_ITEMS (1000) payments, posted"
                                                 " in this order. One recipient may appear more"
                                                 " than once only with different references"})
    description = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=255),
                                metadata={"example": "November salaries"})
    pin = pin_field()


class PayoutSchema(StrictSchema):
    payout_id = fields.UUID()
    status = fields.String(metadata={"enum": list(STATUSES)})
    currency = fields.String()
    item_count = fields.Integer()
    completed_count = fields.Integer()
    failed_count = fields.Integer()
    total_amount = Money()
    completed_amount = Money()
    description = fields.String(allow_none=True)
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)


class PayoutItemErrorSchema(StrictSchema):
    error_code = fields.String(metadata={"example": "INSUFFICIENT_BALANCE"})
    message = fields.String()


class PayoutItemViewSchema(StrictSchema):
    index = fields.Integer()
    recipient_wallet_id = fields.String()
    amount = Money()
    reference = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(ITEM_STATUSES)})
    error = fields.Nested(PayoutItemErrorSchema, allow_none=True)
    reference_id = fields.String(allow_none=True, metadata={"example": "VP-TXN-7Q2M9K4ZP1"})


class PayoutListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(STATUSES))


class PayoutItemArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(ITEM_STATUSES))
