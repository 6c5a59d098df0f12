"""Holds (two-phase payments, API.md section 14): reserve money for a payee, who then
captures all or part of it or voids it; an uncaptured hold expires."""
from __future__ import annotations

import uuid

from flask import g, request
from flask.views import MethodView

from db import holds
from db.wallets import own_wallet_id
from domain import errors
from domain.ids import uuid_or_none
from domain.ledger import HOLD
from services import holds as hold_service
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of
from web.holds.schemas import (
    CaptureSchema,
    HoldListArgs,
    HoldSchema,
    PlaceHoldSchema,
    VoidSchema,
)
from web.operations import accepted
from web.transactions.submission import idempotency_key, submit

blp = Blueprint("holds", __name__, url_prefix="/holds",
                description="Reserve money for a payee, who captures or voids it; or it expires")

_PLACE_ERRORS = {
    400: "IDEMPOTENCY_KEY_REQUIRED, PIN_NOT_SET, MALFORMED_JSON",
    401: "INVALID_PIN (details.attempts_remaining)",
    402: "INSUFFICIENT_BALANCE (against the available balance: balance less active holds)",
    403: "WALLET_FROZEN, WALLET_CLOSED, KYC_NOT_VERIFIED, RECIPIENT_WALLET_INACTIVE, UNTRUSTED_IP",
    404: "WALLET_NOT_FOUND, RECIPIENT_WALLET_NOT_FOUND (the payee)",
    422: "VALIDATION_ERROR, IDEMPOTENCY_KEY_REUSED, SELF_TRANSFER_NOT_ALLOWED, "
         "CURRENCY_MISMATCH (the payee's wallet holds another currency: a hold never converts)",
    423: "PIN_LOCKED",
    429: "PER_TRANSACTION_LIMIT_EXCEEDED, DAILY_LIMIT_EXCEEDED, MONTHLY_LIMIT_EXCEEDED "
         "(send_money's limits), RATE_LIMITED (with Retry-After)",
}
_CAPTURE_ERRORS = {
    400: "IDEMPOTENCY_KEY_REQUIRED, MALFORMED_JSON",
    403: "INSUFFICIENT_PERMISSIONS: only the payee captures",
    404: "HOLD_NOT_FOUND (also another user's hold)",
    409: "HOLD_NOT_ACTIVE: already captured, voided or expired, or past its expiry",
    422: "CAPTURE_EXCEEDS_HOLD (details.held), VALIDATION_ERROR, IDEMPOTENCY_KEY_REUSED",
}
_VOID_ERRORS = {
    400: "IDEMPOTENCY_KEY_REQUIRED (a key sent must be 1 to 255 printable characters), "
         "MALFORMED_JSON",
    403: "INSUFFICIENT_PERMISSIONS: the payer cannot void; SELF_ACTION_NOT_ALLOWED: a "
         "moderator who is the payer",
    404: "HOLD_NOT_FOUND (also another user's hold)",
    409: "HOLD_NOT_ACTIVE: already captured, voided or expired, or past its expiry",
    422: "VALIDATION_ERROR, IDEMPOTENCY_KEY_REUSED",
}
_NOT_FOUND = "HOLD_NOT_FOUND (also a hold you are not a party to)"


@blp.route("")
class HoldList(MethodView):
    @requires("user", moves_money=True)
    @blp.arguments(PlaceHoldSchema)
    @accepted.documented(blp, _PLACE_ERRORS)
    def post(self, body: dict):
        """Reserve money for a payee (asynchronous)

        Answers with a `hold` operation; once it completed, its `result.hold_id` names
        the hold. The money stays in your `balance` but leaves your `available_balance`
        at once: sends, withdrawals and other holds are checked against what is left.
        The payee captures all or part of it (`POST /holds/{hold_id}/capture`) or voids
        it; uncaptured, it expires after `expires_in_s` (celery beat releases it). A
        hold counts towards your `send_money` limits when it is placed. Both sides are
        notified of each step (`hold.created`, `hold.captured`, `hold.voided`,
        `hold.expired` webhook events).
        """
        key = idempotency_key(request.headers.get("Idempotency-Key"))
        return accepted.answer(lambda: submit(HOLD, body, key))

    @requires("user")
    @blp.arguments(HoldListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(HoldSchema, many_page=True))
    @blp.alt_response(404, description="WALLET_NOT_FOUND: you have no wallet yet")
    def get(self, page: int, per_page: int, status: str | None = None, role: str | None = None):
        """List the holds you placed or were given, newest first

        Filters: `status`, and `role` (`payer`: holds you placed; `payee`: holds placed
        for you).
        """
        with context.uow() as session:
            wallet_id = own_wallet_id(session, g.user.id)
            rows, total = holds.page(session, wallet_id, role=role, status=status, page=page,
                                     per_page=per_page)
        return ok(page_of([holds.as_view(row) for row in rows], page, per_page, total), "Holds")


@blp.route("/<hold_id>")
class HoldDetail(MethodView):
    @requires("user")
    @blp.response(200, envelope(HoldSchema))
    @blp.alt_response(404, description=_NOT_FOUND)
    def get(self, hold_id: str):
        """Get a hold you placed or were given"""
        wanted = _hold_uuid(hold_id)
        with context.uow() as session:
            found = holds.with_parties(session, wanted)
            if found is None or str(g.user.id) not in {str(found.payer_user_id),
                                                       str(found.payee_user_id)}:
                raise errors.HoldNotFound()
            return ok(holds.as_view(found.Hold), "Hold")


@blp.route("/<hold_id>/capture")
class HoldCapture(MethodView):
    @requires("user", moves_money=True)
    @blp.arguments(CaptureSchema)
    @accepted.documented(blp, _CAPTURE_ERRORS)
    def post(self, body: dict, hold_id: str):
        """Capture a hold placed for you, all or part of it (payee; asynchronous)

        Answers with a `capture` operation: once it completed, `amount` (default:
        everything held) has moved from the payer to you as a `transfer` posting, and
        the rest of the hold is released to the payer. One capture per hold. A hold is
        decided once: if a void or its expiry gets there first, the capture fails with
        `HOLD_NOT_ACTIVE` (409 at once when the hold is already decided, or past its
        expiry).
        """
        key = idempotency_key(request.headers.get("Idempotency-Key"))
        wanted = _hold_uuid(hold_id)

        def record():
            with context.uow() as session:
                return hold_service.capture(session, context.actor(), wanted,
                                            body.get("amount"), key)

        return accepted.answer(record)


@blp.route("/<hold_id>/void")
class HoldVoid(MethodView):
    @requires("user", moves_money=True)
    @blp.arguments(VoidSchema)
    @accepted.documented(blp, _VOID_ERRORS, accepted.idempotency_key_header(
        required=False, description="Optional: without one, repeating your void of this hold"
                                    " replays it"))
    def post(self, body: dict, hold_id: str):
        """Void a hold: release all of it (payee, or moderator and above; asynchronous)

        Answers with a `void` operation; once it completed, the whole amount is
        available to the payer again. The payer cannot void a hold (the payee decides).
        A moderator or above who is not a party may void any hold: that writes a
        `VOID_HOLD` audit row (with `reason`); one who is the payer gets 403
        `SELF_ACTION_NOT_ALLOWED`. If a capture or the expiry gets there first, the void
        fails with `HOLD_NOT_ACTIVE`.
        """
        sent = request.headers.get("Idempotency-Key")
        key = None if sent is None else idempotency_key(sent)
        wanted = _hold_uuid(hold_id)

        def record():
            with context.uow() as session:
                return hold_service.void(session, context.actor(), wanted, key,
                                         body.get("reason"))

        return accepted.answer(record)


def _hold_uuid(hold_id: str) -> uuid.UUID:
    """A malformed id is reported like an unknown one."""
    parsed = uuid_or_none(hold_id)
    if parsed is None:
        raise errors.HoldNotFound()
    return parsed
