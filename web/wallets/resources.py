"""Wallets: create one, read it, freeze, unfreeze and close it, and look others up."""
from __future__ import annotations

from datetime import datetime

from flask import g
from flask.views import MethodView

from db import balances, pins
from db import wallets as queries
from db.models import Wallet
from domain import errors
from domain import wallets as rules
from services import wallet_state
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope
from web.wallets.schemas import (
    BalanceArgs,
    BalanceSchema,
    CreateWalletSchema,
    PublicWalletSchema,
    WalletSchema,
)

blp = Blueprint("wallets", __name__, url_prefix="/wallets",
                description="Your wallet, its state, and other wallets' public view")

_NO_WALLET = "WALLET_NOT_FOUND: you have no wallet yet"


@blp.route("/create")
class CreateWallet(MethodView):
    @requires("user")
    @blp.arguments(CreateWalletSchema)
    @blp.response(201, envelope(WalletSchema))
    @blp.alt_response(409, description="WALLET_ALREADY_EXISTS")
    @blp.alt_response(422, description="VALIDATION_ERROR (including an unsupported currency)")
    def post(self, body: dict):
        """Create your wallet (one per user)"""
        allowed = context.settings().currencies
        if body["currency"] not in allowed:
            raise errors.UnsupportedCurrency(body["currency"], allowed)
        with context.uow() as session:
            wallet = queries.create_wallet(session, g.user.id, body["currency"])
            return ok(wallet_view(session, wallet), "Wallet created")


@blp.route("/me")
class MyWallet(MethodView):
    @requires("user")
    @blp.response(200, envelope(WalletSchema))
    @blp.alt_response(404, description=_NO_WALLET)
    def get(self):
        """Get your wallet"""
        with context.uow() as session:
            wallet = queries.own_wallet(session, g.user.id)
            return ok(wallet_view(session, wallet), "Wallet")

    @requires("user")
    @blp.response(200, envelope(WalletSchema))
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(409, description="WALLET_HAS_BALANCE, WALLET_ALREADY_CLOSED")
    def delete(self):
        """Close your wallet (terminal; the balance must be zero)

        A closed wallet stays readable, but it can never be reopened, frozen or used.
        """
        with context.uow() as session:
            wallet = wallet_state.close_own(session, context.actor())
            return ok(wallet_view(session, wallet), "Wallet closed")


@blp.route("/balance")
class MyBalance(MethodView):
    @requires("user")
    @blp.arguments(BalanceArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(BalanceSchema))
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(422, description="VALIDATION_ERROR: `at` is not an instant with its offset, "
                                       "or is in the future")
    def get(self, at: datetime | None = None):
        """Get your balance and what you can spend now, or your balance at an instant

        With `at`: the balance as of that instant, from the ledger, exact to the entry:
        the `balance_after` of your last ledger row posted at or before it (all rows of
        one posting take effect at one instant), `"0.00"` before your first. The
        answer for an instant never changes later. `at` must not be in the future.
        """
        if at is not None:
            with context.uow() as session:
                found = balances.own_balance_at(session, g.user.id, at)
            return ok({"balance": found.balance, "currency": found.currency, "at": found.at},
                      "Balance")
        with context.uow() as session:
            wallet = queries.own_wallet(session, g.user.id)
        return ok({
            "balance": wallet.balance,
            "currency": wallet.currency,
            "available_balance": rules.available_balance(wallet.status, wallet.balance,
                                                         wallet.held),
        }, "Balance")


@blp.route("/freeze")
class FreezeWallet(MethodView):
    @requires("user")
    @blp.response(200, envelope(WalletSchema))
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(409, description="WALLET_ALREADY_FROZEN, WALLET_ALREADY_CLOSED")
    def post(self):
        """Freeze your wallet (you can unfreeze it yourself)"""
        with context.uow() as session:
            wallet = wallet_state.freeze_own(session, context.actor())
            return ok(wallet_view(session, wallet), "Wallet frozen")


@blp.route("/unfreeze")
class UnfreezeWallet(MethodView):
    @requires("user")
    @blp.response(200, envelope(WalletSchema))
    @blp.alt_response(403, description="WALLET_FROZEN_BY_ADMIN")
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(409, description="WALLET_NOT_FROZEN, WALLET_ALREADY_CLOSED")
    @blp.alt_response(423, description="PIN_LOCKED: frozen after too many wrong PINs, or "
                                       "three wrong PINs in the last 24 h")
    def post(self):
        """Unfreeze your wallet (only a freeze you made yourself)

        Not while three wrong PINs of the last 24 hours stand (423 PIN_LOCKED, even when
        they were typed while the wallet was frozen): unfreezing must not give back PIN
        guesses. The freeze can be lifted once they are 24 hours old, or after a PIN reset.
        """
        with context.uow() as session:
            wallet = wallet_state.unfreeze_own(session, context.actor(), context.settings())
            return ok(wallet_view(session, wallet), "Wallet unfrozen")


@blp.route("/<wallet_id>")
class PublicWallet(MethodView):
    @requires("user")
    @blp.response(200, envelope(PublicWalletSchema))
    @blp.alt_response(404, description="WALLET_NOT_FOUND")
    def get(self, wallet_id: str):
        """Look up a wallet before paying it (never shows the balance)"""
        with context.uow() as session:
            wallet, owner_name = queries.public_wallet(session, wallet_id)
        return ok({
            "wallet_id": wallet.id,
            "owner_name": rules.mask_name(owner_name),
            "currency": wallet.currency,
            "status": wallet.status,
        }, "Wallet")


def wallet_view(session, wallet: Wallet) -> dict:
    return {
        "wallet_id": wallet.id,
        "balance": wallet.balance,
        "currency": wallet.currency,
        "status": wallet.status,
        "freeze_reason": wallet.freeze_reason,
        "kyc_verified": wallet.kyc_verified,
        "kyc_tier": wallet.kyc_tier,
        "pin_set": pins.has_pin(session, wallet.id),
        "created_at": wallet.created_at,
        "updated_at": wallet.updated_at,
    }
