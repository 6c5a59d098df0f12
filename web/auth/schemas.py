"""Identity request and response bodies (the contract's section 2)."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from domain import passwords
from domain.roles import ROLES
from web.fields import StrictSchema


class Email(fields.Email):
    """Trimmed and lower-cased before validation, so case never makes a second account."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate.Length(max=254), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.strip().lower()
        return super()._deserialize(value, attr, data, **kwargs)


class TrimmedString(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def _fits_bcrypt(password: str) -> None:
    # bcrypt reads only 72 bytes (and bcrypt 5 refuses more): say so instead of truncating.
    if len(password.encode()) > passwords.MAX_BYTES:
        raise ValidationError(f"Longer than maximum length {passwords.MAX_BYTES} bytes.")


class RegisterSchema(StrictSchema):
    email = Email(required=True, metadata={"example": "ravi@example.com"})
    password = fields.String(
        required=True, load_only=True,
        validate=[validate.Length(min=passwords.MIN_LENGTH), _fits_bcrypt],
        metadata={"description": f"At least {passwords.MIN_LENGTH} characters, "
                                 f"at most {passwords.MAX_BYTES} bytes",
                  "example": "correct-horse-42"},
    )
    full_name = TrimmedString(required=True, validate=validate.Length(min=1, max=100),
                              metadata={"example": "Ravi Gupta"})


class LoginSchema(StrictSchema):
    email = Email(required=True, metadata={"example": "ravi@example.com"})
    password = fields.String(required=True, load_only=True,
                             validate=[validate.Length(min=1), _fits_bcrypt],
                             metadata={"example": "correct-horse-42"})


class RefreshSchema(StrictSchema):
    refresh_token = fields.String(required=True, load_only=True,
                                  validate=validate.Length(min=1, max=4096),
                                  metadata={"description": "The refresh_token from login or "
                                                           "the previous refresh",
                                            "example": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."})


class UserSchema(StrictSchema):
    user_id = fields.UUID(attribute="id")
    email = fields.String()
    full_name = fields.String()
    role = fields.String(metadata={"enum": list(ROLES)})
    is_active = fields.Boolean()
    created_at = fields.DateTime()


class TokenPairSchema(StrictSchema):
    access_token = fields.String()
    refresh_token = fields.String()
    token_type = fields.String(metadata={"enum": ["bearer"]})
    expires_in = fields.Integer(metadata={"description": "Access token lifetime in seconds"})
