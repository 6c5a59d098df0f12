"""Multi-currency: quotes for a send across currencies, the current rates, and the
administrators' rates (services/fx.py)."""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from services import fx
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope
from web.fx.schemas import (
    AdminRateSchema,
    QuoteRequestSchema,
    QuoteSchema,
    RatesSchema,
    RateUpdateSchema,
)

blp = Blueprint("fx", __name__, url_prefix="/fx",
                description="Exchange rates and quotes for sends across currencies")
admin_blp = Blueprint("admin_fx", __name__, url_prefix="/admin/fx",
                      description="Exchange rates (admin and above)")


@blp.route("/quotes")
class Quotes(MethodView):
    @requires("user")
    @blp.arguments(QuoteRequestSchema)
    @blp.response(201, envelope(QuoteSchema))
    @blp.alt_response(422, description="VALIDATION_ERROR (an unsupported or equal currency, "
                                       "both or neither amount, an amount that converts to "
                                       "0.00 or past the maximum), FX_RATE_UNAVAILABLE")
    @blp.alt_response(429, description="RATE_LIMITED (FX_QUOTE_RATE_PER_MINUTE)")
    def post(self, body: dict):
        """Quote a conversion for a send across currencies

        Give `source_amount` (what you pay) or `target_amount` (what the recipient
        gets); the other is computed at the rate less the spread and rounded half-even
        to the currency's minor unit. The quote is yours only, holds until `expires_at`
        (FX_QUOTE_TTL_S, 60 s by default) and pays one send: POST /transactions/send
        with its `quote_id` and `amount` equal to its `source_amount`, from a wallet in
        `from_currency` to one in `to_currency`. A send accepted before `expires_at`
        posts at the quote even if the worker posts it later.
        """
        with context.uow() as session:
            quote = fx.quote(session, context.redis(), context.settings(), g.user.id,
                             body["from_currency"], body["to_currency"],
                             source_amount=body.get("source_amount"),
                             target_amount=body.get("target_amount"))
        return ok(quote, "Quote created"), 201


@blp.route("/rates")
class Rates(MethodView):
    @requires("user")
    @blp.response(200, envelope(RatesSchema))
    def get(self):
        """The currencies wallets may hold, and the current exchange rates

        A pair set as base/quote also quotes quote -> base, at the inverse of its mid
        rate less the same spread.
        """
        settings = context.settings()
        with context.reads() as session:
            rates = fx.rates(session)
        return ok({"currencies": list(settings.currencies),
                   "quote_validity_s": settings.fx_quote_ttl_s, "rates": rates}, "FX rates")


@admin_blp.route("/rates/<base>/<quote>")
class AdminRate(MethodView):
    @requires("admin")
    @admin_blp.arguments(RateUpdateSchema)
    @admin_blp.response(200, envelope(AdminRateSchema))
    @admin_blp.alt_response(422, description="VALIDATION_ERROR (an unsupported or equal "
                                             "currency in the path, a rate outside "
                                             "0.000001..1000000, spread_bps outside 0..1000)")
    def put(self, body: dict, base: str, quote: str):
        """Set a pair's mid rate and spread (admin and above)

        1 `base` = `rate` `quote`. Quotes already given keep their rate. Writes an
        UPDATE_FX_RATE audit row with the rate before and after.
        """
        with context.uow() as session:
            row = fx.set_rate(session, context.actor(), context.settings().currencies, base,
                              quote, body["rate"], body["spread_bps"])
            return ok(row, "FX rate set")
