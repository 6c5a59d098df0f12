"""Request bodies of the money calls and the history filters."""
from marshmallow import ValidationError, fields, validate, validates, validates_schema

from web.fields import Money, PageArgs, StrictSchema
from web.pin.schemas import pin_field


class TopupSchema(StrictSchema):
    amount = Money(required=True)
    payment_method = fields.String(required=True,
                                   validate=validate.OneOf(["upi", "card", "netbanking"]))
    metadata = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=64)),
                           values=fields.Raw(), load_default=dict,
                           metadata={"description": "At most 20 flat keys, kept with the rows",
                                     "example": {"order_id": "A-1001"}})

    @validates("metadata")
    def _small_flat_metadata(self, value, **kwargs):
        if len(value) > 20:
            raise ValidationError("At most 20 keys")
        for item in value.values():
            if not isinstance(item, (str, int, float, bool)) or isinstance(item, str) and len(item) > 500:
                raise ValidationError("Values must be strings (max 500 chars), numbers or booleans")


class SendSchema(StrictSchema):
    recipient_wallet_id = fields.String(required=True, validate=validate.Regexp(
        r"^VPY-[A-Z0-9]{6}\Z", error="Not a wallet id (VPY-XXXXXX)"),
        metadata={"example": "VPY-M4X8TZ"})
    amount = Money(required=True)
    description = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=255))
    pin = pin_field()
    quote_id = fields.UUID(metadata={
        "description": "Required when the recipient's wallet holds another currency: an "
                       "unused, unexpired quote of yours (POST /fx/quotes) from your wallet's "
                       "currency to the recipient's, whose source_amount equals amount",
        "example": "3f2b8c1e-5d6a-4b7c-9e8f-0a1b2c3d4e5f"})


class WithdrawSchema(StrictSchema):
    amount = Money(required=True)
    bank_account = fields.String(required=True, load_only=True, validate=validate.Regexp(
        r"^[0-9]{9,18}\Z", error="Bank account number must be 9 to 18 digits"),
        metadata={"example": "123456789012"})
    ifsc = fields.String(required=True, validate=validate.Regexp(
        r"^[A-Z]{4}0[A-Z0-9]{6}\Z", error="Not an IFSC code (e.g. HDFC0001234)"),
        metadata={"example": "HDFC0001234"})
    pin = pin_field()


class HistoryArgs(PageArgs):
    type = fields.String(validate=validate.OneOf(["credit", "debit"]))
    category = fields.String(validate=validate.OneOf(["topup", "transfer", "withdrawal", "refund"]))
    start_date = fields.Date()
    end_date = fields.Date()

    @validates_schema
    def _ordered_range(self, data, **kwargs):
        if data.get("start_date") and data.get("end_date") and data["start_date"] > data["end_date"]:
            raise ValidationError("Must not be after end_date", "start_date")
