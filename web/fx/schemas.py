"""FX bodies: a quote request and the quote, the rates, an administrator's rate."""
from marshmallow import ValidationError, fields, validate, validates_schema

from domain.fx import MAX_SPREAD_BPS, format_rate, parse_rate
from web.fields import Money, StrictSchema

CURRENCY_PATTERN = r"^[A-Z]{3}\Z"


def currency_field(example: str, **kwargs) -> fields.String:
    return fields.String(validate=validate.Regexp(CURRENCY_PATTERN, error="Not a currency code (e.g. USD)"),
                         metadata={"example": example}, **kwargs)


class Rate(fields.Field):
    """Rates travel as decimal strings ("83.125"), like amounts, never as JSON numbers."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update(
            {"type": "string", "pattern": r"^\d{1,7}(\.\d{1,10})?$", "example": "83.125"})
        super().__init__(**kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else format_rate(value)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return parse_rate(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class QuoteRequestSchema(StrictSchema):
    from_currency = currency_field("INR", required=True)
    to_currency = currency_field("USD", required=True)
    source_amount = Money(metadata={"description": "What you pay, in from_currency "
                                                   "(give this or target_amount)"})
    target_amount = Money(metadata={"description": "What the recipient gets, in to_currency "
                                                   "(give this or source_amount)"})

    @validates_schema
    def _exactly_one_amount(self, data, **kwargs):
        given = [name for name in ("source_amount", "target_amount") if name in data]
        if len(given) != 1:
            raise ValidationError("Give exactly one of source_amount and target_amount", "_schema")
        if data.get("from_currency") and data.get("from_currency") == data.get("to_currency"):
            raise ValidationError("Must differ from from_currency", "to_currency")


class QuoteSchema(StrictSchema):
    quote_id = fields.UUID(attribute="id")
    from_currency = fields.String(metadata={"example": "INR"})
    to_currency = fields.String(metadata={"example": "USD"})
    rate = Rate(metadata={"description": "Units of to_currency one unit of from_currency "
                                         "buys, spread included"})
    source_amount = Money()
    target_amount = Money()
    created_at = fields.DateTime()
    expires_at = fields.DateTime()


class RateSchema(StrictSchema):
    base = fields.String(metadata={"example": "USD"})
    quote = fields.String(metadata={"example": "INR"})
    rate = Rate(metadata={"description": "Mid rate: 1 base = rate quote"})
    spread_bps = fields.Integer(metadata={"example": 50})
    customer_rate = Rate(metadata={"description": "What a quote from base to quote gets now"})
    updated_at = fields.DateTime()


class RatesSchema(StrictSchema):
    currencies = fields.List(fields.String(), metadata={"example": ["INR", "USD", "EUR"]})
    quote_validity_s = fields.Float(metadata={"example": 60})
    rates = fields.List(fields.Nested(RateSchema))


class RateUpdateSchema(StrictSchema):
    rate = Rate(required=True)
    # strict: 50 only, not "50", 50.0 or true.
    spread_bps = fields.Integer(required=True, strict=True,
                                validate=validate.Range(min=0, max=MAX_SPREAD_BPS),
        metadata={"example": 50, "description": "Margin taken from the mid rate, in basis "
                                                "points (1/100 of a percent)"})


class AdminRateSchema(StrictSchema):
    base = fields.String(metadata={"example": "USD"})
    quote = fields.String(metadata={"example": "INR"})
    rate = Rate()
    spread_bps = fields.Integer(metadata={"example": 50})
    updated_by = fields.UUID(allow_none=True)
    updated_at = fields.DateTime()
