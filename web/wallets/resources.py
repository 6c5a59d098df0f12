"""Wallets: create one, read it, freeze, unfreeze and close it, and look others up."""
from __future__ import annotations

from typing import Callable

from flask import g
from flask.views import MethodView
from sqlalchemy import func
from sqlalchemy.orm import Session, object_session

from db import audit
from db.models import Wallet
from db.notifications import notify
from domain import errors
from domain import wallets as rules
from domain.audit import CLOSE_WALLET, SELF_FREEZE, SELF_UNFREEZE
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope
from web.pin import verification
from web.wallets import queries
from web.wallets.schemas import BalanceSchema, CreateWalletSchema, PublicWalletSchema, WalletSchema

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
        return _change_own_wallet(lambda wallet: rules.close(wallet.status, wallet.balance),
                                  CLOSE_WALLET, "Wallet closed")


@blp.route("/balance")
class MyBalance(MethodView):
    @requires("user")
    @blp.response(200, envelope(BalanceSchema))
    @blp.alt_response(404, description=_NO_WALLET)
    def get(self):
        """Get your balance and what you can spend now"""
        with context.uow() as session:
            wallet = queries.own_wallet(session, g.user.id)
        return ok({
            "balance": wallet.balance,
            "currency": wallet.currency,
            "available_balance": rules.available_balance(wallet.status, wallet.balance),
        }, "Balance")


@blp.route("/freeze")
class FreezeWallet(MethodView):
    @requires("user")
    @blp.response(200, envelope(WalletSchema))
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(409, description="WALLET_ALREADY_FROZEN, WALLET_ALREADY_CLOSED")
    def post(self):
        """Freeze your wallet (you can unfreeze it yourself)"""
        return _change_own_wallet(lambda wallet: rules.freeze(wallet.status, rules.SELF),
                                  SELF_FREEZE, "Wallet frozen",
                                  notice=("wallet_frozen", "You froze your wallet"))


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
        return _change_own_wallet(_unfreeze_by_owner, SELF_UNFREEZE, "Wallet unfrozen",
                                  notice=("wallet_unfrozen", "You unfroze your wallet"),
                                  lock_pin_first=True)


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


def _unfreeze_by_owner(wallet: Wallet) -> rules.Transition:
    change = rules.unfreeze(wallet.status, wallet.freeze_reason, by=rules.SELF)
    verification.ensure_owner_may_unfreeze(object_session(wallet), wallet.id)
    return change


def _change_own_wallet(transition: Callable[[Wallet], rules.Transition], action: str,
                       message: str, notice: tuple[str, str] | None = None,
                       lock_pin_first: bool = False):
    """Apply the owner's change under the wallet lock, with its audit row (the user's own
    security events are audited like an administrator's) and, if given, a notification.
    `lock_pin_first`: take the PIN row's lock before the wallet's, the order every PIN
    check uses, so an unfreeze and a concurrent PIN attempt cannot deadlock."""
    with context.uow() as session:
        if lock_pin_first:
            verification.lock_counter(session, queries.own_wallet_id(session, g.user.id))
        wallet = queries.own_wallet(session, g.user.id, for_update=True)
        before = _state(wallet)
        _apply(wallet, transition(wallet))
        audit.record(session, context.actor(), action, "wallet", wallet.id,
                     before=before, after=_state(wallet))
        if notice:
            # Announced even though the owner asked: another of their devices (or a
            # thief with their session) may have been the one asking.
            notify(session, g.user.id, notice[0], notice[1],
                   f"{message} at your request.", {"wallet_id": wallet.id})
        session.flush()
        return ok(wallet_view(session, wallet), message)


def _state(wallet: Wallet) -> dict:
    return {"status": wallet.status, "freeze_reason": wallet.freeze_reason}


def _apply(wallet: Wallet, change: rules.Transition) -> None:
    wallet.status = change.status
    wallet.freeze_reason = change.freeze_reason
    # frozen_at dates the current freeze; the lockout expiry counts from it.
    wallet.frozen_at = func.now() if change.status == rules.FROZEN else None
    wallet.updated_at = func.now()


def wallet_view(session: Session, wallet: Wallet) -> dict:
    return {
        "wallet_id": wallet.id,
        "balance": wallet.balance,
        "currency": wallet.currency,
        "status": wallet.status,
        "freeze_reason": wallet.freeze_reason,
        "kyc_verified": wallet.kyc_verified,
        "kyc_tier": wallet.kyc_tier,
        "pin_set": queries.has_pin(session, wallet.id),
        "created_at": wallet.created_at,
        "updated_at": wallet.updated_at,
    }
