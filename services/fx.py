"""FX use cases: quote a conversion, set a rate, and the quote checks of a send across
currencies (domain/fx.py has the rules, db/fx.py the rows).

A send's quote is checked twice before it is accepted: once among the submission's
advisory reads, and again in the unit of work that records the operation, against that
transaction's clock, which is the operation's `created_at`; the posting engine then
judges the quote against that same `created_at`, so a quote racing its own expiry gets
the same answer at acceptance and at posting. Only the posting marks a quote used.
"""
from __future__ import annotations

import uuid
from decimal import Decimal

import redis as redis_lib
from sqlalchemy.orm import Session

from db import audit, ratelimit
from db import fx as stored
from db.models import FxQuote, FxRate
from domain import errors
from domain import fx as rules
from domain.audit import UPDATE_FX_RATE
from settings import Settings

NEEDS_QUOTE = "A send to a wallet in another currency needs a quote_id"
RATE_WINDOW_S = 60


def purge_expired_quotes(session: Session, settings: Settings, batch: int) -> int:
    """Forget a batch of quotes that can no longer pay anything (FX_QUOTE_RETENTION_H
    after their expiry, never used); how many went."""
    return stored.purge_expired_quotes(session, settings.fx_quote_retention_h * 3600, batch)


def quote(session: Session, r: redis_lib.Redis, settings: Settings, user_id: uuid.UUID,
          from_currency: str, to_currency: str, *, source_amount: Decimal | None = None,
          target_amount: Decimal | None = None) -> FxQuote:
    """A quote for the caller: the customer rate now and both amounts, valid
    FX_QUOTE_TTL_S by the database clock. Each user may ask FX_QUOTE_RATE_PER_MINUTE
    times a minute (each quote is a row)."""
    ratelimit.hit(r, "fx_quote", str(user_id), settings.fx_quote_rate_per_minute, RATE_WINDOW_S)
    currencies = settings.currencies
    rules.ensure_supported(from_currency, currencies, "from_currency")
    rules.ensure_supported(to_currency, currencies, "to_currency")
    rules.ensure_pair(from_currency, to_currency, "from_currency", "to_currency")
    rate = rules.customer_rate(stored.rates(session), from_currency, to_currency)
    source, target = rules.convert(rate, from_currency, to_currency,
                                   source_amount=source_amount, target_amount=target_amount)
    return stored.insert_quote(session, user_id, from_currency, to_currency, rate, source,
                               target, settings.fx_quote_ttl_s)


def set_rate(session: Session, actor: audit.Actor, currencies: tuple[str, ...], base: str,
             quote_currency: str, rate: Decimal, spread_bps: int) -> FxRate:
    """Set the mid rate and spread of a pair (quotes already given keep theirs); the
    UPDATE_FX_RATE audit row records before and after."""
    rules.ensure_supported(base, currencies, "base")
    rules.ensure_supported(quote_currency, currencies, "quote")
    rules.ensure_pair(base, quote_currency, "base", "quote")
    before = stored.rate_state(stored.locked_rate(session, base, quote_currency))
    row = stored.save_rate(session, base, quote_currency, rate, spread_bps, actor.user_id)
    audit.record(session, actor, UPDATE_FX_RATE, "fx_rate", f"{base}/{quote_currency}",
                 before=before, after=stored.rate_state(row))
    return row


def rates(session: Session) -> list[dict]:
    """Every pair set, with the rate a customer converting base to quote gets now."""
    found = stored.rates(session)
    return [{"base": row.base, "quote": row.quote, "rate": row.rate, "spread_bps": row.spread_bps,
             "customer_rate": rules.customer_rate(found, row.base, row.quote),
             "updated_at": row.updated_at}
            for row in stored.rate_rows(session)]


def terms_for_send(session: Session, user_id: uuid.UUID, sender_currency: str,
                   recipient_currency: str, amount: Decimal,
                   quote_id: uuid.UUID | None) -> dict | None:
    """The quote terms a send records on its operation (None within one currency), or
    FX_QUOTE_INVALID. Advisory: `refusal_at_acceptance` and the posting decide."""
    if quote_id is None:
        if rules.quote_needed(sender_currency, recipient_currency):
            raise errors.FxQuoteInvalid(NEEDS_QUOTE)
        return None
    found = stored.quote_by_id(session, quote_id)
    rules.ensure_usable(found, user_id=user_id, from_currency=sender_currency,
                        to_currency=recipient_currency, amount=amount,
                        at=stored.transaction_time(session))
    return rules.terms(found)


def refusal_at_acceptance(session: Session, user_id: uuid.UUID,
                          terms: dict | None) -> errors.FxQuoteInvalid | None:
    """In the unit of work that records the send: its quote is still unused and has not
    expired at this transaction's time, which the operation gets as its `created_at`."""
    if not terms:
        return None
    found = stored.quote_by_id(session, uuid.UUID(terms["quote_id"]))
    reason = rules.refusal_reason(
        found, user_id=user_id, from_currency=terms["source_currency"],
        to_currency=terms["target_currency"], amount=Decimal(terms["source_amount"]),
        at=stored.transaction_time(session))
    return None if reason is None else errors.FxQuoteInvalid(reason)
