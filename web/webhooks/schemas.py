"""Webhook request bodies and representations (the contract's section 11)."""
from marshmallow import fields, validate

from domain.webhooks import EVENT_TYPES, MAX_URL_LENGTH
from web.fields import StrictSchema


class CreateWebhookSchema(StrictSchema):
    # The scheme and address rules need DNS, so the view checks them (domain.webhooks).
    url = fields.String(required=True, validate=validate.Length(min=1, max=MAX_URL_LENGTH),
                        metadata={"description": "https URL that resolves to public addresses only",
                                  "example": "https://example.com/vaultpay/webhooks"})
    events = fields.List(
        fields.String(validate=validate.OneOf(EVENT_TYPES)), required=True,
        validate=validate.Length(min=1, max=len(EVENT_TYPES)),
        metadata={"description": "Events to receive, from: " + ", ".join(EVENT_TYPES),
                  "example": ["operation.completed", "operation.failed"]})


class WebhookSchema(StrictSchema):
    webhook_id = fields.UUID()
    url = fields.String()
    events = fields.List(fields.String(metadata={"enum": list(EVENT_TYPES)}))
    created_at = fields.DateTime()


class CreatedWebhookSchema(WebhookSchema):
    secret = fields.String(metadata={
        "description": "Signing secret, shown only in this response. Verify each delivery: "
                       "VaultPay-Signature is t=<unix>,v1=<hex HMAC-SHA256 keyed with this "
                       "secret over \"<t>.<raw body>\">",
        "example": "whsec_3q2-7wEXAMPLEonlyEXAMPLEonlyEXAMPLEonly0"})
