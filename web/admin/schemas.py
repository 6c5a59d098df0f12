"""Administration request bodies and filters."""
from __future__ import annotations

from marshmallow import fields, validate

from domain.roles import ROLES
from web.auth.schemas import TrimmedString
from web.fields import PageArgs, StrictSchema


class RoleChangeSchema(StrictSchema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class DeactivationSchema(StrictSchema):
    reason = TrimmedString(required=True, validate=validate.Length(min=1, max=500),
                           metadata={"example": "Chargeback fraud under investigation"})


class UserListArgs(PageArgs):
    role = fields.String(validate=validate.OneOf(ROLES))
    is_active = fields.Boolean()
    email = fields.String(validate=validate.Length(min=1, max=254),
                          metadata={"description": "Part of the email, any case"})
