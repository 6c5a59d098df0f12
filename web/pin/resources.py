"""The transaction PIN: set it once, verify it, change it.

PINs are hashed with bcrypt before a transaction opens (hashing is slow on purpose)
and are never logged or echoed. Reset by email is a later feature; the wallet state
machine already has its seam (`domain.wallets.unfreeze(by=PIN_LOCKOUT)`).
"""
from __future__ import annotations

from flask import g
from flask.views import MethodView
from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from db.models import WalletPin
from domain import errors
from domain.pin import ensure_strong, hash_pin
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope
from web.pin import verification
from web.pin.schemas import ChangePinSchema, PinStatusSchema, PinValidSchema, SetPinSchema, VerifyPinSchema
from web.wallets import queries

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
        pin_hash = hash_pin(body["pin"], context.settings().bcrypt_rounds)
        with context.uow() as session:
            wallet_id = queries.own_wallet_id(session, g.user.id)
            inserted = session.execute(
                pg_insert(WalletPin).values(wallet_id=wallet_id, pin_hash=pin_hash)
                .on_conflict_do_nothing().returning(WalletPin.wallet_id)
            ).scalar_one_or_none()
        if inserted is None:
            raise errors.PinAlreadySet()
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
        with context.uow() as session:
            wallet_id = queries.own_wallet_id(session, g.user.id)
        verification.verify_pin(context.settings(), wallet_id, body["pin"])
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
        """Change your transaction PIN (the current one counts towards the lockout)"""
        ensure_strong(body["new_pin"])
        settings = context.settings()
        new_hash = hash_pin(body["new_pin"], settings.bcrypt_rounds)
        with context.uow() as session:
            wallet_id = queries.own_wallet_id(session, g.user.id)
            # One transaction checks the current PIN and stores the new one, so two
            # concurrent changes cannot both pass the check against the same old PIN.
            refusal = verification.attempt(session, wallet_id, body["current_pin"],
                                           settings.pin_max_attempts)
            if refusal is None:
                session.execute(update(WalletPin).where(WalletPin.wallet_id == wallet_id)
                                .values(pin_hash=new_hash, updated_at=func.now()))
        # Raised after the commit: a wrong current PIN must stay counted.
        if refusal is not None:
            raise refusal
        return ok({"pin_set": True}, "PIN changed")
