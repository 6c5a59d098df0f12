"""Limit request bodies and representations (the contract's section 6)."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from domain.limits import ACTIONS, ADMIN, CUSTOM, DEFAULT, FIELDS
from web.auth.schemas import TrimmedString
from web.fields import Money, PageArgs, StrictSchema

_ACTION = {"enum": list(ACTIONS), "example": "send_money"}


class _LimitValues(StrictSchema):
    per_transaction_limit = Money(metadata={"example": "5000.00"})
    daily_limit = Money(metadata={"example": "20000.00"})
    monthly_limit = Money(metadata={"example": "100000.00"})

    @validates_schema
    def _at_least_one(self, data: dict, **kwargs) -> None:
        if not any(name in data for name in FIELDS):
            raise ValidationError(f"Give at least one of {', '.join(FIELDS)}")


class UpdateLimitSchema(_LimitValues):
    """Only the limits you send change; the others keep their current value."""


class CreateLimitSchema(_LimitValues):
    """The limits you leave out follow your tier's defaults."""

    action = fields.String(required=True, validate=validate.OneOf(ACTIONS), metadata=_ACTION)


class AdminLimitSchema(CreateLimitSchema):
    """Replaces the wallet's limits for the action; a limit left out follows the tier
    default. May exceed the tier maximum; the user cannot change or remove it."""

    reason = TrimmedString(required=True, validate=validate.Length(min=1, max=500),
                           metadata={"example": "Verified business account, higher volumes"})


class LimitValuesSchema(StrictSchema):
    per_transaction_limit = Money()
    daily_limit = Money()
    monthly_limit = Money()


class LimitSchema(LimitValuesSchema):
    """The limits that apply to one action now, and what today and this month used."""

    action = fields.String(metadata=_ACTION)
    source = fields.String(metadata={"enum": [DEFAULT, CUSTOM, ADMIN]})
    used_today = Money()
    used_this_month = Money()
    remaining_today = Money()
    remaining_this_month = Money()
    tier_maximum = fields.Nested(LimitValuesSchema, metadata={
        "description": "Your KYC tier's limits: the most you can set yourself"})


class StoredLimitSchema(StrictSchema):
    """A stored custom or admin row; an empty limit follows the tier default."""

    wallet_id = fields.String()
    action = fields.String(metadata=_ACTION)
    source = fields.String(metadata={"enum": [CUSTOM, ADMIN]})
    per_transaction_limit = Money(allow_none=True)
    daily_limit = Money(allow_none=True)
    monthly_limit = Money(allow_none=True)
    set_by = fields.UUID()
    reason = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class StoredLimitListArgs(PageArgs):
    wallet_id = fields.String(validate=validate.Length(min=1, max=32))
    source = fields.String(validate=validate.OneOf([CUSTOM, ADMIN]))
    action = fields.String(validate=validate.OneOf(ACTIONS))


class RemovalArgs(StrictSchema):
    reason = TrimmedString(required=True, validate=validate.Length(min=1, max=500))
