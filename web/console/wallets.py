"""Wallet search, a wallet's page (status, balance, available balance, recent ledger
rows) and the administrator's freeze and unfreeze with a reason: the queries and
services of `/admin/wallets`, under the same role and segregation of duties."""
from __future__ import annotations

import re
import uuid

from flask import g, redirect, url_for
from marshmallow import fields, validate

from db import admin_queries as queries
from db import transactions
from domain import errors
from domain import wallets as rules
from services import wallet_state
from web import context
from web.admin.console import RECENT_TRANSACTIONS
from web.admin.console_schemas import AdminWalletListArgs, FreezeSchema, UnfreezeSchema
from web.console import access, bp
from web.console.pages import done, form, pages, query, render
from web.wallets.schemas import STATUSES

_WALLET_ID = re.compile(r"VPY-[A-Z0-9]{6}")


class WalletSearchArgs(AdminWalletListArgs):
    q = fields.String(validate=validate.Length(max=254), metadata={
        "description": "A wallet id, an owner's user id, or a part of their email"})


@bp.get("/wallets")
@access.page("moderator")
def wallet_search():
    args = query(WalletSearchArgs)
    text = args.get("q", "").strip()
    if _WALLET_ID.fullmatch(text.upper()):
        return redirect(url_for("console.wallet_page", wallet_id=text.upper()), 303)
    user_id, email_part = _user_id(text), None
    if text and user_id is None:
        email_part = text
    with context.lagging_reads() as session:  # may trail the primary, as the API's list
        found, total = queries.wallet_page(
            session, status=args.get("status"), kyc_verified=args.get("kyc_verified"),
            user_id=user_id or args.get("user_id"), owner_email_contains=email_part,
            page=args["page"], per_page=args["per_page"])
    return render("console/wallets.html", items=found, total=total, page=args["page"],
                  pages=pages(total, args["per_page"]), args=args, statuses=STATUSES, q=text)


@bp.get("/wallets/<wallet_id>")
@access.page("moderator")
def wallet_page(wallet_id: str):
    settings = context.settings()
    with context.uow() as session:
        found = queries.admin_wallet(session, wallet_id)
        if found is None:
            raise errors.WalletNotFound(f"There is no wallet {wallet_id}")
        rows, count = transactions.history(session, wallet_id, transactions.HistoryFilter(),
                                           settings.business_timezone, page=1,
                                           per_page=RECENT_TRANSACTIONS)
    wallet = found.wallet
    return render("console/wallet.html", w=found, wallet=wallet, recent=rows, count=count,
                  available=rules.available_balance(wallet.status, wallet.balance),
                  own=str(wallet.user_id) == str(g.user.id),
                  may_freeze=wallet.status != rules.CLOSED and wallet.freeze_reason != rules.ADMIN,
                  may_unfreeze=wallet.status == rules.FROZEN)


@bp.post("/wallets/<wallet_id>/freeze")
@access.page("moderator")
def wallet_freeze(wallet_id: str):
    reason = form(FreezeSchema)["reason"]
    with context.uow() as session:
        wallet_state.admin_freeze(session, context.actor(), wallet_id, reason)
    return done(f"Wallet {wallet_id} is frozen; its owner was told (without the reason).",
                "console.wallet_page", wallet_id=wallet_id)


@bp.post("/wallets/<wallet_id>/unfreeze")
@access.page("moderator")
def wallet_unfreeze(wallet_id: str):
    reason = form(UnfreezeSchema).get("reason")
    with context.uow() as session:
        wallet_state.admin_unfreeze(session, context.actor(), wallet_id, reason,
                                    context.settings().pin_max_attempts)
    return done(f"Wallet {wallet_id} is active again; its owner was told.",
                "console.wallet_page", wallet_id=wallet_id)


def _user_id(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None
