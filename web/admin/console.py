"""The admin console: every wallet, ledger row and operation; admin freezes; system
settings; statistics (the contract's section 12).

Freeze and unfreeze change the wallet under its row lock and write the audit row and
the owner's notification in the same transaction, so all three exist or none does.

An admin freeze takes precedence over any other freeze: freezing a wallet that its
owner froze, or that a PIN lockout froze, turns it into an admin freeze (the owner can
no longer lift it, and the 24 h lockout expiry no longer applies). Only a wallet that is
already admin-frozen answers 409 WALLET_ALREADY_FROZEN.

Nobody freezes or unfreezes their own wallet here (segregation of duties,
domain/duties.py).
"""
from __future__ import annotations

from datetime import datetime

from flask.views import MethodView

from db import admin_queries as queries
from db import audit, balances, transactions
from db.models import SystemSetting
from domain import errors
from domain.audit import UPDATE_SETTING
from domain.settings_catalog import SettingSpec, spec_of
from services import wallet_state
from web import context
from web.admin import console_schemas as schemas
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of
from web.operations.present import operation_view
from web.wallets.schemas import AdminBalanceSchema, BalanceArgs

blp = Blueprint("admin_console", __name__, url_prefix="/admin",
                description="Back-office console: wallets, ledger, operations, settings, stats")

RECENT_TRANSACTIONS = 20
_NO_WALLET = "WALLET_NOT_FOUND"
_OWN_WALLET = ("SELF_ACTION_NOT_ALLOWED: your own wallet, another moderator must act; "
               "INSUFFICIENT_PERMISSIONS")


# --- wallets --------------------------------------------------------------------------
@blp.route("/wallets")
class AdminWalletList(MethodView):
    @requires("moderator")
    @blp.arguments(schemas.AdminWalletListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(schemas.AdminWalletSchema, many_page=True))
    def get(self, page: int, per_page: int, **filters):
        """List all wallets, newest first (moderator and above)

        Filters: `status`, `kyc_verified`, `user_id`. Each wallet carries its owner's
        id and email.
        """
        with context.lagging_reads() as session:  # may trail the primary
            found, total = queries.wallet_page(
                session, status=filters.get("status"), kyc_verified=filters.get("kyc_verified"),
                user_id=filters.get("user_id"), page=page, per_page=per_page)
        return ok(page_of([_wallet_view(item) for item in found], page, per_page, total), "Wallets")


@blp.route("/wallets/<wallet_id>")
class AdminWalletDetail(MethodView):
    @requires("moderator")
    @blp.response(200, envelope(schemas.AdminWalletDetailSchema))
    @blp.alt_response(404, description=_NO_WALLET)
    def get(self, wallet_id: str):
        """Get any wallet with its 20 most recent ledger rows (moderator and above)"""
        with context.uow() as session:
            found = queries.admin_wallet(session, wallet_id)
            if found is None:
                raise errors.WalletNotFound()
            rows, total = transactions.history(
                session, wallet_id, transactions.HistoryFilter(), context.settings().business_timezone,
                page=1, per_page=RECENT_TRANSACTIONS)
        data = {**_wallet_view(found), "recent_transactions": [dict(row) for row in rows],
                "transaction_count": total}
        return ok(data, "Wallet")


@blp.route("/wallets/<wallet_id>/balance")
class AdminWalletBalance(MethodView):
    @requires("moderator")
    @blp.arguments(BalanceArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(AdminBalanceSchema))
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(422, description="VALIDATION_ERROR: `at` is not an instant with its offset, "
                                       "or is in the future")
    def get(self, wallet_id: str, at: datetime | None = None):
        """Get any wallet's balance at an instant, from its ledger (moderator and above)

        The `balance_after` of the wallet's last ledger row posted at or before `at`
        (now when absent), `"0.00"` before its first; exact to the entry, and final.
        A read, like the wallet's detail: no audit row.
        """
        with context.uow() as session:
            found = balances.balance_at(session, wallet_id, at)
        return ok({"wallet_id": found.wallet_id, "balance": found.balance,
                   "currency": found.currency, "at": found.at}, "Balance")


@blp.route("/wallets/<wallet_id>/freeze")
class AdminFreeze(MethodView):
    @requires("moderator")
    @blp.arguments(schemas.FreezeSchema)
    @blp.response(200, envelope(schemas.AdminWalletSchema))
    @blp.alt_response(403, description=_OWN_WALLET)
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(409, description="WALLET_ALREADY_FROZEN (by an admin), WALLET_ALREADY_CLOSED")
    def post(self, body: dict, wallet_id: str):
        """Freeze a wallet (moderator and above)

        The owner cannot lift an admin freeze. A wallet frozen by its owner or by a PIN
        lockout becomes admin-frozen. Writes a FREEZE_WALLET audit row with the reason
        and notifies the owner (without the internal reason). Nobody freezes their own
        wallet this way (403 SELF_ACTION_NOT_ALLOWED): the self freeze is theirs to use.
        """
        with context.uow() as session:
            wallet = wallet_state.admin_freeze(session, context.actor(), wallet_id, body["reason"])
            return ok(_wallet_view(queries.admin_wallet(session, wallet.id)), "Wallet frozen")


@blp.route("/wallets/<wallet_id>/unfreeze")
class AdminUnfreeze(MethodView):
    @requires("moderator")
    @blp.arguments(schemas.UnfreezeSchema)
    @blp.response(200, envelope(schemas.AdminWalletSchema))
    @blp.alt_response(403, description=_OWN_WALLET)
    @blp.alt_response(404, description=_NO_WALLET)
    @blp.alt_response(409, description="WALLET_NOT_FROZEN, WALLET_ALREADY_CLOSED")
    def post(self, body: dict, wallet_id: str):
        """Unfreeze a wallet, whatever froze it (moderator and above)

        Lifting a PIN lockout (or any freeze while the wrong-PIN counter stands at the
        limit) also resets the counter, so the owner gets their full attempts back.
        Writes an UNFREEZE_WALLET audit row and notifies the owner. Nobody unfreezes
        their own wallet (403 SELF_ACTION_NOT_ALLOWED, whatever their role), so a
        moderator cannot clear their own PIN lockout and guess again.
        """
        with context.uow() as session:
            wallet = wallet_state.admin_unfreeze(session, context.actor(), wallet_id,
                                                 body.get("reason"),
                                                 context.settings().pin_max_attempts)
            return ok(_wallet_view(queries.admin_wallet(session, wallet.id)), "Wallet unfrozen")


def _wallet_view(found: queries.AdminWallet) -> dict:
    wallet = found.wallet
    return {
        "wallet_id": wallet.id, "user_id": wallet.user_id, "owner_email": found.owner_email,
        "balance": wallet.balance, "currency": wallet.currency, "status": wallet.status,
        "freeze_reason": wallet.freeze_reason, "frozen_at": wallet.frozen_at,
        "kyc_verified": wallet.kyc_verified, "kyc_tier": wallet.kyc_tier,
        "pin_set": found.pin_set, "created_at": wallet.created_at, "updated_at": wallet.updated_at,
    }


# --- ledger rows and operations -------------------------------------------------------
@blp.route("/transactions")
class AdminTransactionList(MethodView):
    @requires("moderator")
    @blp.arguments(schemas.AdminTransactionListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(schemas.TransactionSchema, many_page=True))
    def get(self, page: int, per_page: int, **filters):
        """List every wallet's ledger rows, newest first (moderator and above)

        Filters: `type`, `category`, `status`, `wallet_id`, and `start_date` /
        `end_date` (whole days in the business timezone, both inclusive).
        """
        with context.lagging_reads() as session:  # may trail the primary
            rows, total = queries.transaction_page(
                session, queries.TransactionFilter(**filters), context.settings().business_timezone,
                page, per_page)
        return ok(page_of([dict(row) for row in rows], page, per_page, total), "Transactions")


@blp.route("/operations")
class AdminOperationList(MethodView):
    @requires("moderator")
    @blp.arguments(schemas.AdminOperationListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(schemas.AdminOperationSchema, many_page=True))
    def get(self, page: int, per_page: int, **filters):
        """List every operation, newest first (moderator and above)

        Filters: `status`, `type`, `user_id`, `wallet_id`.
        """
        with context.lagging_reads() as session:  # may trail the primary
            rows, total = queries.operation_page(
                session, status=filters.get("status"), type_=filters.get("type"),
                user_id=filters.get("user_id"), wallet_id=filters.get("wallet_id"),
                page=page, per_page=per_page)
            items = [{**operation_view(session, row), "user_id": row.user_id,
                      "wallet_id": row.wallet_id} for row in rows]
        return ok(page_of(items, page, per_page, total), "Operations")


# --- settings -------------------------------------------------------------------------
@blp.route("/settings")
class SettingList(MethodView):
    @requires("super_admin")
    @blp.response(200, envelope(schemas.SettingSchema, many=True))
    def get(self):
        """List every system setting with its current value (super admin only)

        A setting nobody has changed shows its default, with `updated_at` and
        `updated_by` null.
        """
        with context.uow() as session:
            stored = queries.stored_settings(session)
        return ok([_setting_view(spec, stored.get(key))
                   for key, spec in queries.settings_catalogue().items()], "Settings")


@blp.route("/settings/<key>")
class SettingChange(MethodView):
    @requires("super_admin")
    @blp.arguments(schemas.SettingChangeSchema)
    @blp.response(200, envelope(schemas.SettingSchema))
    @blp.alt_response(404, description="SETTING_NOT_FOUND: not a key of the catalogue")
    @blp.alt_response(422, description="VALIDATION_ERROR: `details.value` says what is wrong")
    def patch(self, body: dict, key: str):
        """Change a system setting (super admin only)

        The value is checked against the setting's type (limits: positive amounts as
        strings with at most two decimals, per_transaction <= daily <= monthly). Takes
        effect at once: readers read the table on every request. Writes an
        UPDATE_SETTING audit row with the value before and after.
        """
        spec = spec_of(queries.settings_catalogue(), key)
        value = spec.check(body["value"])
        actor = context.actor()
        with context.uow() as session:
            current = queries.setting_for_update(session, key)
            before = spec.default if current is None else current.value
            row = queries.store_setting(session, key, value, actor.user_id)
            audit.record(session, actor, UPDATE_SETTING, "setting", key,
                         before={"value": before}, after={"value": value})
            return ok(_setting_view(spec, row), "Setting updated")


def _setting_view(spec: SettingSpec, row: SystemSetting | None) -> dict:
    view = {"key": spec.key, "value": spec.default, "type": spec.type,
            "description": spec.description, "default": spec.default,
            "updated_at": None, "updated_by": None}
    if row is not None:
        view.update(value=row.value, updated_at=row.updated_at, updated_by=row.updated_by)
    return view


# --- statistics -----------------------------------------------------------------------
@blp.route("/stats")
class Stats(MethodView):
    @requires("super_admin")
    @blp.response(200, envelope(schemas.StatsSchema))
    def get(self):
        """Back-office statistics (super admin only)

        Counted in the database at request time. `total_transaction_volume` sums the
        amounts of completed operations by type, across currencies;
        `transaction_volume_by_currency` keeps those sums apart by currency, the figure
        to read once wallets hold more than one. `pending_kyc_count` and
        `open_disputes` count KYC submissions awaiting review and open disputes.
        """
        with context.uow() as session:
            return ok(queries.stats(session), "Statistics")
