"""Wallet request bodies and representations (the contract's section 3)."""
from marshmallow import fields, validate

from web.fields import Money, StrictSchema

STATUSES = ["active", "frozen", "closed"]
FREEZE_REASONS = ["self", "admin", "pin_lockout"]
WALLET_ID = {"pattern": r"^VPY-[A-Z0-9]{6}$", "example": "VPY-7Q2M9K"}


class CreateWalletSchema(StrictSchema):
    # Checked against the configured list in the view (UnsupportedCurrency).
    currency = fields.String(load_default="INR", validate=validate.Length(equal=3),
                             metadata={"description": "ISO 4217 code from the configured list",
                                       "example": "INR"})


class WalletSchema(StrictSchema):
    wallet_id = fields.String(metadata=WALLET_ID)
    balance = Money()
    currency = fields.String(metadata={"example": "INR"})
    status = fields.String(metadata={"enum": STATUSES})
    freeze_reason = fields.String(allow_none=True, metadata={"enum": FREEZE_REASONS})
    kyc_verified = fields.Boolean()
    kyc_tier = fields.Integer()
    pin_set = fields.Boolean()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class BalanceSchema(StrictSchema):
    balance = Money()
    currency = fields.String(metadata={"example": "INR"})
    available_balance = Money(metadata={
        "description": "What can be spent now: the balance while the wallet is active, "
                       "\"0.00\" while it is frozen or closed"})


class PublicWalletSchema(StrictSchema):
    wallet_id = fields.String(metadata=WALLET_ID)
    owner_name = fields.String(metadata={"description": "Masked full name",
                                         "example": "R**i G***a"})
    currency = fields.String(metadata={"example": "INR"})
    status = fields.String(metadata={"enum": STATUSES})
