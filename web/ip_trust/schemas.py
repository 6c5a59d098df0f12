"""IP trust bodies (the contract's section 8). IPs appear only masked."""
from marshmallow import fields, validate

from web.fields import StrictSchema


class ConfirmIpSchema(StrictSchema):
    token = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=256),
                          metadata={"description": "The code from the confirmation email",
                                    "example": "p8Wn2LrZ5cYh"})


class TrustedIpSchema(StrictSchema):
    ip_id = fields.UUID(metadata={"description": "Use it to revoke this IP"})
    ip_masked = fields.String(metadata={"example": "***a3f9b2c1",
                                        "description": "The last 8 hex digits of the IP's keyed hash"})
    trusted_at = fields.DateTime()
    expires_at = fields.DateTime()
    revoked_at = fields.DateTime(allow_none=True)
