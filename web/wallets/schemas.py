"""Wallet request bodies and representations (the contract's section 3)."""
from marshmallow import fields, validate

from web.fields import Instant, Money, StrictSchema

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


class BalanceArgs(StrictSchema):
    at = Instant(metadata={"description": (
        "The balance as of this instant (ISO 8601 with its offset: `Z` or `+05:30`, the `+`"
        " encoded as `%2B`): that of the last ledger entry posted at or before it, `0.00`"
        " before the first. Not in the future. Without it: the balance now")})


class BalanceSchema(StrictSchema):
    balance = Money()
    currency = fields.String(metadata={"example": "INR"})
    available_balance = Money(metadata={
        "description": "What can be spent now: the balance less active holds (API.md section"
                       " 14) while the wallet is active, \"0.00\" while it is frozen or"
                       " closed. Absent with `at`"})
    at = fields.DateTime(metadata={"description": "Only with `at`: the instant asked for"})


class AdminBalanceSchema(StrictSchema):
    wallet_id = fields.String(metadata=WALLET_ID)
    balance = Money(metadata={"description": "The balance as of `at`, from the ledger"})
    currency = fields.String(metadata={"example": "INR"})
    at = fields.DateTime(metadata={"description": "The instant asked for, or now"})


class PublicWalletSchema(StrictSchema):
    wallet_id = fields.String(metadata=WALLET_ID)
    owner_name = fields.String(metadata={"description": "Masked full name",
                                         "example": "R**i G***a"})
    currency = fields.String(metadata={"example": "INR"})
    status = fields.String(metadata={"enum": STATUSES})
