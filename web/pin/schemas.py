"""Transaction PIN bodies (the contract's section 4). PINs are load-only: never echoed."""
from marshmallow import ValidationError, fields, validate, validates_schema

from web.fields import StrictSchema


def _four_digits(value: str) -> None:
    # Not a regex: `\d` also matches other scripts' digits and `$` lets a trailing
    # newline through.
    if not (len(value) == 4 and value.isascii() and value.isdigit()):
        raise ValidationError("PIN must be exactly 4 digits")


def pin_field() -> fields.String:
    return fields.String(required=True, load_only=True, validate=_four_digits,
                         metadata={"pattern": "^[0-9]{4}$", "example": "4826"})


def _same(data: dict, pin: str, confirmation: str) -> None:
    if data[pin] != data[confirmation]:
        raise ValidationError("PINs do not match", confirmation)


class SetPinSchema(StrictSchema):
    pin = pin_field()
    confirm_pin = pin_field()

    @validates_schema(skip_on_field_errors=True)
    def _confirmed(self, data, **kwargs):
        _same(data, "pin", "confirm_pin")


class VerifyPinSchema(StrictSchema):
    pin = pin_field()


class ChangePinSchema(StrictSchema):
    current_pin = pin_field()
    new_pin = pin_field()
    confirm_new_pin = pin_field()

    @validates_schema(skip_on_field_errors=True)
    def _confirmed_and_new(self, data, **kwargs):
        _same(data, "new_pin", "confirm_new_pin")
        if data["new_pin"] == data["current_pin"]:
            raise ValidationError("New PIN must differ from the current PIN", "new_pin")


class PinValidSchema(StrictSchema):
    valid = fields.Boolean(metadata={"example": True})


class PinStatusSchema(StrictSchema):
    pin_set = fields.Boolean(metadata={"example": True})


class ResetPinSchema(StrictSchema):
    token = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=256),
                          metadata={"description": "The code from the PIN reset email",
                                    "example": "k3J9xQ2mVb7T"})
    new_pin = pin_field()
    confirm_new_pin = pin_field()

    @validates_schema(skip_on_field_errors=True)
    def _confirmed(self, data, **kwargs):
        _same(data, "new_pin", "confirm_new_pin")


class PinResetSchema(StrictSchema):
    pin_set = fields.Boolean(metadata={"example": True})
    unlocked = fields.Boolean(metadata={
        "example": False, "description": "True when the reset lifted a PIN-lockout freeze"})
