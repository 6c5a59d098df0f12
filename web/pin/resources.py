"""The transaction PIN: set it once, verify it, change it, reset it by email.

PINs are stored as a keyed hash (domain/pin.py) and are never logged or echoed. Every
cheap refusal (format, weakness, mismatch, no wallet, already set, wrong current PIN,
invalid code) comes before any hashing of a new PIN. A reset code is minted and mailed by the email job,
so it never passes through a request, the outbox or a job payload.
"""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import one_time_tokens
from domain.pin import ensure_strong
from services import pins
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope
from web.pin.schemas import (
    ChangePinSchema,
    PinResetSchema,
    PinStatusSchema,
    PinValidSchema,
    ResetPinSchema,
    SetPinSchema,
    VerifyPinSchema,
)

blp = Blueprint("pin", __name__, url_prefix="/pin",
                description="The 4-digit transaction PIN that authorises sends and withdrawals")

_LOCKOUT = "PIN_LOCKED: 3 wrong PINs in a row (verify, change, send, withdraw) freeze the wallet for 24 h"


@blp.route("/set")
class SetPin(MethodView):
    @requires("user")
    @blp.arguments(SetPinSchema)
    @blp.response(201, envelope(PinStatusSchema))
    @blp.alt_response(404, description="WALLET_NOT_FOUND")
    @blp.alt_response(409, description="PIN_ALREADY_SET (use /pin/change)")
    @blp.alt_response(422, description="VALIDATION_ERROR (not 4 digits, no match), PIN_TOO_WEAK")
    def post(self, body: dict):
        """Set your transaction PIN"""
        ensure_strong(body["pin"])
        with context.uow() as session:
            pins.set_first(session, context.settings(), context.actor(), body["pin"])
        return ok({"pin_set": True}, "PIN set")


@blp.route("/verify")
class VerifyPin(MethodView):
    @requires("user")
    @blp.arguments(VerifyPinSchema)
    @blp.response(200, envelope(PinValidSchema))
    @blp.alt_response(400, description="PIN_NOT_SET")
    @blp.alt_response(401, description="INVALID_PIN (details.attempts_remaining)")
    @blp.alt_response(404, description="WALLET_NOT_FOUND")
    @blp.alt_response(423, description=_LOCKOUT)
    def post(self, body: dict):
        """Check your transaction PIN"""
        pins.verify_own(context.uow, context.settings(), context.actor(), body["pin"])
        return ok({"valid": True}, "PIN is correct")


@blp.route("/change")
class ChangePin(MethodView):
    @requires("user")
    @blp.arguments(ChangePinSchema)
    @blp.response(200, envelope(PinStatusSchema))
    @blp.alt_response(400, description="PIN_NOT_SET")
    @blp.alt_response(401, description="INVALID_PIN: wrong current PIN (details.attempts_remaining)")
    @blp.alt_response(404, description="WALLET_NOT_FOUND")
    @blp.alt_response(422, description="VALIDATION_ERROR, PIN_TOO_WEAK")
    @blp.alt_response(423, description=_LOCKOUT)
    def post(self, body: dict):
        """Change your transaction PIN (the current one counts towards the lockout)

        Writes a PIN_CHANGE audit row (a wrong current PIN writes PIN_FAILED).
        """
        ensure_strong(body["new_pin"])
        pins.change(context.uow, context.settings(), context.actor(), body["current_pin"],
                    body["new_pin"])
        return ok({"pin_set": True}, "PIN changed")


@blp.route("/reset/request")
class RequestPinReset(MethodView):
    @requires("user")
    @blp.response(202, envelope(None))
    def post(self):
        """Email yourself a code to reset your PIN (always 202)

        When your wallet has a PIN, the email job mails a single-use code, valid for 15
        minutes, to your account's address; a new request retires the previous code. At
        most one email a minute: further requests in that time are accepted and ignored.
        The answer is the same whether or not an email was sent.
        """
        with context.uow() as session:
            pins.request_reset(session, context.redis(), context.settings(), context.actor())
        return ok(None, "If your wallet has a PIN, a reset code is on its way to your email")


@blp.route("/reset")
class ResetPin(MethodView):
    @requires("user")
    @blp.arguments(ResetPinSchema)
    @blp.response(200, envelope(PinResetSchema))
    @blp.alt_response(400, description="INVALID_TOKEN: unknown, used, expired or another user's "
                                       "code (which stays usable by its owner); PIN_NOT_SET")
    @blp.alt_response(404, description="WALLET_NOT_FOUND")
    @blp.alt_response(422, description="VALIDATION_ERROR (not 4 digits, no match), PIN_TOO_WEAK")
    def post(self, body: dict):
        """Set a new PIN with the emailed reset code (lifts a PIN lockout)

        Needs both your sign-in (bearer token) and the emailed code, which only works
        for the user who asked for it (tried by anyone else it is refused and stays
        usable by its owner): a locked-out user still has their login, and
        asking for both means neither a stolen mailbox nor a stolen session alone can
        take over the PIN. The code works once (of two concurrent uses exactly one
        succeeds); a weak or mismatched PIN is refused without using it up. The new PIN
        follows the /pin/set rules; the wrong-PIN counter goes back to zero, a
        `pin_lockout` freeze is lifted (other freezes stay), and a PIN_RESET audit row
        is written.
        """
        ensure_strong(body["new_pin"])
        r, user_id = context.redis(), g.user.id
        with context.uow() as session:
            unlocked = pins.reset(
                session, context.settings(), context.actor(), body["new_pin"],
                lambda: one_time_tokens.redeem_owned(r, one_time_tokens.PIN_RESET, body["token"],
                                                     str(user_id)))
        return ok({"pin_set": True, "unlocked": unlocked}, "PIN reset")
