"""Hold request bodies, filters and the hold object (the contract's section 14)."""
from __future__ import annotations

from marshmallow import fields, validate

from domain.holds import (
    DEFAULT_EXPIRES_IN_S,
    MAX_EXPIRES_IN_S,
    MIN_EXPIRES_IN_S,
    ROLES,
    STATUSES,
)
from web.auth.schemas import TrimmedString
from web.fields import Money, PageArgs, StrictSchema
from web.pin.schemas import pin_field
from web.wallets.schemas import WALLET_ID


class PlaceHoldSchema(StrictSchema):
    payee_wallet_id = fields.String(required=True, validate=validate.Regexp(
        r"^VPY-[A-Z0-9]{6}\Z", error="Not a wallet id (VPY-XXXXXX)"),
        metadata={"description": "The wallet the money is reserved for (a merchant)",
                  "example": "VPY-M4X8TZ"})
    amount = Money(required=True)
    description = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=255),
                                metadata={"example": "Hotel booking #4471"})
    expires_in_s = fields.Integer(
        load_default=DEFAULT_EXPIRES_IN_S,
        validate=validate.Range(min=MIN_EXPIRES_IN_S, max=MAX_EXPIRES_IN_S),
        metadata={"description": "Seconds until the hold expires uncaptured"
                                 f" ({MIN_EXPIRES_IN_S}..{MAX_EXPIRES_IN_S})",
                  "example": DEFAULT_EXPIRES_IN_S})
    pin = pin_field()


class CaptureSchema(StrictSchema):
    amount = Money(metadata={"description": "At most the amount held; default: all of it."
                                            " The rest is released"})


class VoidSchema(StrictSchema):
    reason = TrimmedString(validate=validate.Length(min=1, max=500), metadata={
        "description": "Kept in the audit row of a moderator's void",
        "example": "Merchant asked support to cancel the booking"})


class HoldListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(STATUSES))
    role = fields.String(validate=validate.OneOf(ROLES), metadata={
        "description": "Only the holds where you pay (`payer`) or are paid (`payee`)"})


class HoldSchema(StrictSchema):
    hold_id = fields.UUID()
    payer_wallet_id = fields.String(metadata=WALLET_ID)
    payee_wallet_id = fields.String(metadata=WALLET_ID)
    amount = Money(metadata={"description": "What was reserved"})
    captured_amount = Money(metadata={"description": "What the capture moved (\"0.00\" until"
                                                     " captured)"})
    currency = fields.String(metadata={"example": "INR"})
    description = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(STATUSES)})
    expires_at = fields.DateTime()
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
