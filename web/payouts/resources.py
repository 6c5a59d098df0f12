"""Bulk payouts: one request pays many recipients (submit, then follow its progress)."""
from __future__ import annotations

from flask import g, request
from flask.views import MethodView

import tracing
from db import payouts
from db.models import Payout
from domain import errors
from domain.ids import uuid_or_none
from services import payouts as service
from services.payout_progress import payout_data
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of
from web.payouts.schemas import (
    PayoutCreateSchema,
    PayoutItemArgs,
    PayoutItemViewSchema,
    PayoutListArgs,
    PayoutSchema,
)
from web.transactions.submission import idempotency_key, resources

blp = Blueprint("payouts", __name__, url_prefix="/payouts",
                description="Bulk payouts: pay up to 1,000 recipients in one request")

# A full payout is larger than the app's 64 KiB bodies: room for every item at its
# longest (a 140-character reference escaped as \uXXXX is 840 bytes).
_BYTES_PER_ITEM, _BODY_OVERHEAD = 1024, 16 * 1024


@blp.before_request
def _room_for_every_item() -> None:
    if request.method == "POST":
        request.max_content_length = (
            _BODY_OVERHEAD + _BYTES_PER_ITEM * context.settings().payout_max_items)


_LOCATION = {"Location": {"description": "/api/v1/payouts/{payout_id}: follow its progress",
                          "schema": {"type": "string"}}}
_SUBMIT_DOC = {"parameters": [
    {"in": "header", "name": "Idempotency-Key", "required": True,
     "schema": {"type": "string", "minLength": 1, "maxLength": 255},
     "description": "Scoped to you and your payouts; the same key and body return the"
                    " same payout"}]}
_SUBMIT_ERRORS = {
    400: "IDEMPOTENCY_KEY_REQUIRED, PIN_NOT_SET, MALFORMED_JSON",
    401: "INVALID_PIN (details.attempts_remaining)",
    403: "WALLET_FROZEN, WALLET_CLOSED, KYC_NOT_VERIFIED, UNTRUSTED_IP",
    404: "WALLET_NOT_FOUND",
    413: "PAYLOAD_TOO_LARGE",
    422: "VALIDATION_ERROR (details.items maps each refused item's index to its fields:"
         " amount, an unknown recipient wallet, your own wallet, another currency, a"
         " repeated recipient and reference; nothing is accepted), IDEMPOTENCY_KEY_REUSED",
    423: "PIN_LOCKED",
    429: "RATE_LIMITED (with Retry-After)",
}


@blp.route("")
class PayoutList(MethodView):
    @requires("user", moves_money=True)
    @blp.arguments(PayoutCreateSchema)
    @blp.response(202, envelope(PayoutSchema), headers=_LOCATION,
                  description="Accepted: every item is queued; follow the Location header")
    @blp.alt_response(200, schema=envelope(PayoutSchema), headers={**_LOCATION, "Idempotent-Replayed": {
        "description": "Always `true`", "schema": {"type": "string"}}},
        description="Replay of an earlier request with this Idempotency-Key, as it is now")
    @blp.doc(**_SUBMIT_DOC, responses={code: {"description": text}
                                       for code, text in _SUBMIT_ERRORS.items()})
    def post(self, body: dict):
        """Pay many recipients in one request (asynchronous; each item posted on its own)

        Every item is checked first: one invalid item refuses the whole payout (422, by
        index). Then each item is posted alone, in index order; an item the balance, a
        recipient's state or a limit refuses fails alone and moves nothing. One PIN check
        for the whole payout. Its end raises the `payout.finished` webhook event.
        """
        submitted = service.submit(resources(), context.actor(), service.PayoutRequest(
            items=body["items"], description=body["description"], pin=body["pin"],
            idempotency_key=idempotency_key(request.headers.get("Idempotency-Key")),
            trace_context=tracing.current_context()))
        headers = {"Location": f"/api/v1/payouts/{submitted.payout.id}"}
        if submitted.replayed:
            with context.reads() as session:
                data = payout_data(payouts.by_id(session, submitted.payout.id))
            headers["Idempotent-Replayed"] = "true"
            return ok(data, "Payout already submitted"), 200, headers
        return ok(payout_data(submitted.payout), "Payout accepted"), 202, headers

    @requires("user")
    @blp.arguments(PayoutListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(PayoutSchema, many_page=True))
    def get(self, page: int, per_page: int, status: str | None = None):
        """List your payouts, newest first"""
        with context.reads() as session:
            rows, total = payouts.page_for_user(session, g.user.id, status=status, page=page,
                                                per_page=per_page)
        return ok(page_of([payout_data(row) for row in rows], page, per_page, total), "Payouts")


@blp.route("/<payout_id>")
class PayoutDetail(MethodView):
    @requires("user")
    @blp.response(200, envelope(PayoutSchema))
    @blp.alt_response(404, description="PAYOUT_NOT_FOUND (also for another user's payout)")
    def get(self, payout_id: str):
        """Get one of your payouts: its status and counters, growing while it runs"""
        with context.reads() as session:
            return ok(payout_data(_own_payout(session, payout_id)), "Payout")


@blp.route("/<payout_id>/items")
class PayoutItems(MethodView):
    @requires("user")
    @blp.arguments(PayoutItemArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(PayoutItemViewSchema, many_page=True))
    @blp.alt_response(404, description="PAYOUT_NOT_FOUND (also for another user's payout)")
    def get(self, payout_id: str, page: int, per_page: int, status: str | None = None):
        """List a payout's items in index order, each with its outcome"""
        with context.reads() as session:
            payout = _own_payout(session, payout_id)
            rows, total = payouts.items_page(session, payout.id, status=status, page=page,
                                             per_page=per_page)
        return ok(page_of([_item_view(row) for row in rows], page, per_page, total), "Payout items")


def _own_payout(session, payout_id: str) -> Payout:
    parsed = uuid_or_none(payout_id)
    payout = None if parsed is None else payouts.by_id(session, parsed)
    # Another user's payout is reported as missing, so that ids cannot be probed.
    if payout is None or payout.user_id != g.user.id:
        raise errors.PayoutNotFound()
    return payout


def _item_view(row) -> dict:
    return {
        "index": row.index, "recipient_wallet_id": row.recipient_wallet_id, "amount": row.amount,
        "reference": row.reference, "status": row.status, "reference_id": row.reference_id,
        "error": ({"error_code": row.error_code, "message": row.error_message}
                  if row.status == "failed" else None),
    }
