"""Money movement (submit and poll) and the caller's ledger rows."""
from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Response, g, request, stream_with_context
from flask.views import MethodView

from db import statements, transactions
from db.wallets import own_wallet, own_wallet_id
from domain import errors
from domain.ledger import SEND, TOPUP, WITHDRAW
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of
from web.operations import accepted
from web.operations.schemas import TransactionSchema
from web.transactions import statement
from web.transactions.schemas import HistoryArgs, SendSchema, TopupSchema, WithdrawSchema
from web.transactions.submission import idempotency_key, submit

blp = Blueprint("transactions", __name__, url_prefix="/transactions",
                description="Top up, send and withdraw; read your ledger rows")

_MONEY_ERRORS = {
    400: "IDEMPOTENCY_KEY_REQUIRED, PIN_NOT_SET, MALFORMED_JSON",
    401: "INVALID_PIN (send, withdraw; details.attempts_remaining)",
    402: "INSUFFICIENT_BALANCE",
    403: "WALLET_FROZEN, WALLET_CLOSED, KYC_NOT_VERIFIED, RECIPIENT_WALLET_INACTIVE, UNTRUSTED_IP",
    404: "WALLET_NOT_FOUND, RECIPIENT_WALLET_NOT_FOUND",
    422: "VALIDATION_ERROR, IDEMPOTENCY_KEY_REUSED, SELF_TRANSFER_NOT_ALLOWED (send), "
         "FX_QUOTE_INVALID (send: the recipient's wallet holds another currency and the "
         "quote_id is missing, unknown, expired, used, or for other currencies or another amount)",
    423: "PIN_LOCKED",
    429: "PER_TRANSACTION_LIMIT_EXCEEDED, DAILY_LIMIT_EXCEEDED, MONTHLY_LIMIT_EXCEEDED, "
         "RATE_LIMITED (with Retry-After)",
}


def _money_route(kind: str, schema, summary: str):
    @requires("user", moves_money=True)
    @blp.arguments(schema)
    @accepted.documented(blp, _MONEY_ERRORS)
    def post(self, body: dict):
        return _submit_and_respond(kind, body)

    post.__doc__ = summary
    return type(f"{kind.title()}View", (MethodView,), {"post": post})


def _submit_and_respond(kind: str, body: dict):
    key = idempotency_key(request.headers.get("Idempotency-Key"))
    return accepted.answer(lambda: submit(kind, body, key))


blp.route("/topup")(_money_route(TOPUP, TopupSchema, "Top up your wallet (asynchronous)"))
blp.route("/send")(_money_route(SEND, SendSchema, "Send money to another wallet (asynchronous)"))
blp.route("/withdraw")(_money_route(WITHDRAW, WithdrawSchema, "Withdraw to a bank account (asynchronous)"))


@blp.route("/history")
class History(MethodView):
    @requires("user")
    @blp.arguments(HistoryArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(TransactionSchema, many_page=True))
    def get(self, page: int, per_page: int, **filters):
        """Your ledger rows, newest first"""
        with context.reads() as session:
            wallet_id = own_wallet_id(session, g.user.id)
        with context.lagging_reads() as session:  # may trail the primary (a replica)
            rows, total = transactions.history(
                session, wallet_id, transactions.HistoryFilter(**filters),
                context.settings().business_timezone, page, per_page)
        return ok(page_of([dict(row) for row in rows], page, per_page, total), "Transaction history")


# Registered before "/<transaction_id>" (Werkzeug prefers the static segment anyway).
@blp.route("/statement")
class Statement(MethodView):
    @requires("user")
    @blp.arguments(statement.StatementArgs, location="query")
    @blp.response(200, envelope(statement.StatementSchema),
                  description="The statement: in the envelope with format=json, or a CSV "
                              "download with format=csv (the default)")
    @blp.doc(responses={200: {"content": {"text/csv": {
        "schema": {"type": "string"},
        "example": "wallet_id,VPY-7Q2M9K\ncurrency,INR\nstart_date,2026-05-01\n"
                   "end_date,2026-05-31\nopening_balance,100.00\ntotal_credits,20.00\n"
                   "total_debits,5.25\nclosing_balance,114.75\n\n" + ",".join(statement.COLUMNS)
                   + "\n...",
    }}}})
    @blp.alt_response(404, description="WALLET_NOT_FOUND")
    def get(self, args: dict):
        """Your statement for a period: opening and closing balances, credits, debits and rows

        `format=csv` (the default) is a download: the summary as `name,value` lines,
        an empty line, then a header and one line per ledger row, oldest first (cells a
        spreadsheet would run as a formula start with a quote). `format=json` is the
        same in the envelope. Both are streamed. Days are whole days in the business
        timezone, both inclusive; `opening_balance + total_credits - total_debits =
        closing_balance` always holds for the rows listed. A statement that ends today
        is the ledger as it stands when the statement is read.
        """
        settings = context.settings()
        with context.uow() as session:
            wallet = own_wallet(session, g.user.id)
        end = args.get("end_date") or datetime.now(ZoneInfo(settings.business_timezone)).date()
        period = statements.Period.of(args.get("start_date"), end, settings.business_timezone)
        chunks = _statement_chunks(wallet.id, wallet.currency, period, args["format"], settings)
        if args["format"] == "json":
            return Response(stream_with_context(chunks), mimetype="application/json")
        disposition = f'attachment; filename="{statement.filename(wallet.id, period.start_date, end)}"'
        return Response(stream_with_context(chunks), mimetype="text/csv",
                        headers={"Content-Disposition": disposition})


def _statement_chunks(wallet_id: str, currency: str, period, format_: str, settings):
    # Runs while the response streams: the summary and the cursor live in this
    # generator's transaction, on the replica when one is configured.
    with context.lagging_reads() as session:
        summary = statements.summary(session, wallet_id, period)
        batches = statements.rows(session, wallet_id, period, summary, settings.statement_batch_size)
        shown = statement.summary_view(wallet_id, currency, period, summary)
        if format_ == "json":
            yield from statement.json_chunks(shown, batches, g.get("request_id"))
        else:
            yield from statement.csv_chunks(shown, batches, settings.business_timezone)


@blp.route("/reference/<reference_id>")
class ByReference(MethodView):
    @requires("user")
    @blp.response(200, envelope(TransactionSchema, many=True))
    def get(self, reference_id: str):
        """Your rows of one posting"""
        with context.uow() as session:
            rows = transactions.by_reference(session, own_wallet_id(session, g.user.id), reference_id)
        if not rows:
            raise errors.TransactionNotFound()
        return ok([dict(row) for row in rows], "Transactions")


@blp.route("/<transaction_id>")
class ById(MethodView):
    @requires("user")
    @blp.response(200, envelope(TransactionSchema))
    def get(self, transaction_id: str):
        """One of your ledger rows"""
        try:
            wanted = uuid.UUID(transaction_id)
        except ValueError as exc:
            raise errors.TransactionNotFound() from exc
        with context.uow() as session:
            row = transactions.by_id(session, own_wallet_id(session, g.user.id), wanted)
        if row is None:
            raise errors.TransactionNotFound()
        return ok(dict(row), "Transaction")
