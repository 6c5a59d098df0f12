"""Multi-currency rules: exchange rates, quotes, and the legs of a send across currencies
(API.md section 17).

An administrator keeps a mid rate and a spread per currency pair; a quote fixes, for
one user and a short while, the customer rate (the mid rate less the spread) and both
amounts, each rounded half-even to its currency's minor unit. That rounding happens
once, on the quote: the legs then move exactly the quoted amounts, through one FX
system account per currency (money in FROM goes to `fx:<FROM>`, money in TO comes out
of `fx:<TO>`), so every currency's entries still sum to zero.

A quote is judged at acceptance: a send posts if its operation was accepted (its
`created_at`, the database clock of the transaction that recorded it) before the
quote's `expires_at`, however late the worker posts it, and is refused otherwise. The
posting engine marks the quote used under lock, so it pays at most once.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from domain import errors
from domain.ledger import SEND, Leg, WalletState, ensure_covers
from domain.money import MAX_AMOUNT, format_amount, round_to_minor_unit
from domain.wallets import ensure_can_move_money, ensure_can_receive

# Rates: at most 7 integer digits and 10 decimals (NUMERIC(20, 10)), within bounds that
# no real pair leaves; anything else is a typo or an attack, refused before it is kept.
RATE_DECIMALS = 10
RATE_UNIT = Decimal(1).scaleb(-RATE_DECIMALS)
MIN_RATE, MAX_RATE = Decimal("0.000001"), Decimal("1000000")
MAX_SPREAD_BPS = 1000  # 10 %
BPS = 10_000
_RATE_RE = re.compile(r"[0-9]{1,7}(\.[0-9]{1,10})?")
_CURRENCY_RE = re.compile(r"[A-Z]{3}")


def fx_account(currency: str) -> str:
    """The FX system account of `currency`, through which conversions pass."""
    return f"fx:{currency}"


# --- currencies and rates --------------------------------------------------------------
def ensure_supported(currency: str, allowed: Iterable[str], field: str) -> None:
    """`currency` is one a wallet may hold here (the configured CURRENCIES)."""
    allowed = tuple(allowed)
    if not isinstance(currency, str) or not _CURRENCY_RE.fullmatch(currency) \
            or currency not in allowed:
        raise errors.ValidationFailed("Unsupported currency",
                                      {field: [f"Must be one of: {', '.join(allowed)}"]})


def ensure_same_currency(payer_currency: str, payee_currency: str) -> None:
    """Holds, captures and payout items stay within one currency."""
    if payer_currency != payee_currency:
        raise errors.CurrencyMismatch()


def ensure_pair(base: str, quote: str, base_field: str, quote_field: str) -> None:
    if base == quote:
        raise errors.ValidationFailed(details={quote_field: [f"Must differ from {base_field}"]})


def parse_rate(text: object) -> Decimal:
    """A rate from a client string; raises ValueError with a client-facing reason.

    Strings only, as amounts: a JSON number would pass through a float."""
    if not isinstance(text, str):
        raise ValueError('Rate must be a string such as "83.125"')
    if not _RATE_RE.fullmatch(text):
        raise ValueError("Rate must be a positive decimal number with at most 10 decimals")
    rate = Decimal(text)
    if not MIN_RATE <= rate <= MAX_RATE:
        raise ValueError(f"Rate must be between {format_rate(MIN_RATE)} and {format_rate(MAX_RATE)}")
    return rate


def format_rate(rate: Decimal) -> str:
    """Plain notation, no exponent, no trailing zeros ("83.125", "0.012", "100")."""
    return format(Decimal(rate).normalize(), "f")


@dataclass(frozen=True)
class Rate:
    """1 `base` = `rate` `quote`, the mid rate; customers get it less `spread_bps`."""

    base: str
    quote: str
    rate: Decimal
    spread_bps: int


def customer_rate(rates: Mapping[tuple[str, str], Rate], from_currency: str,
                  to_currency: str) -> Decimal:
    """Units of `to_currency` one unit of `from_currency` buys: the pair's mid rate (or
    the inverse of the opposite pair's, when only that one is set) less its spread,
    rounded half-even to RATE_DECIMALS."""
    direct = rates.get((from_currency, to_currency))
    inverse = rates.get((to_currency, from_currency))
    if direct is None and inverse is None:
        raise errors.FxRateUnavailable()
    with localcontext() as ctx:
        ctx.prec = 60
        mid = direct.rate if direct is not None else 1 / inverse.rate
        spread = (direct or inverse).spread_bps
        rate = (mid * (BPS - spread) / BPS).quantize(RATE_UNIT, rounding=ROUND_HALF_EVEN)
    if rate <= 0:
        raise errors.FxRateUnavailable()
    return rate


def convert(rate: Decimal, from_currency: str, to_currency: str, *,
            source_amount: Decimal | None = None,
            target_amount: Decimal | None = None) -> tuple[Decimal, Decimal]:
    """(source_amount, target_amount) at `rate` from the one given: the other is
    rounded half-even to its currency's minor unit. Both must be > 0 and <= MAX_AMOUNT."""
    if (source_amount is None) == (target_amount is None):
        raise ValueError("give exactly one of source_amount and target_amount")
    given = "source_amount" if source_amount is not None else "target_amount"
    with localcontext() as ctx:
        ctx.prec = 60  # exact products and enough digits for the division
        if source_amount is not None:
            target_amount = round_to_minor_unit(source_amount * rate, to_currency)
        else:
            source_amount = round_to_minor_unit(target_amount / rate, from_currency)
    for amount in (source_amount, target_amount):
        if amount <= 0:
            raise errors.ValidationFailed(details={given: ["Too small to convert: it rounds to 0.00"]})
        if amount > MAX_AMOUNT:
            raise errors.ValidationFailed(details={given: [f"Converted, it would exceed {MAX_AMOUNT}"]})
    return source_amount, target_amount


# --- quotes ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Quote:
    id: uuid.UUID
    user_id: uuid.UUID
    from_currency: str
    to_currency: str
    rate: Decimal
    source_amount: Decimal
    target_amount: Decimal
    expires_at: datetime
    used_by: uuid.UUID | None = None


def terms(quote: Quote) -> dict:
    """The quote as an FX send records it (the operation's payload, then the journal's
    metadata): JSON only, amounts as strings."""
    return {
        "quote_id": str(quote.id), "rate": format_rate(quote.rate),
        "source_amount": format_amount(quote.source_amount), "source_currency": quote.from_currency,
        "target_amount": format_amount(quote.target_amount), "target_currency": quote.to_currency,
        "expires_at": quote.expires_at.isoformat(),
    }


def refusal_reason(quote: Quote | None, *, user_id: uuid.UUID, from_currency: str,
                   to_currency: str, amount: Decimal, at: datetime) -> str | None:
    """Why `quote` cannot pay this send accepted at `at`, or None when it can. An
    unknown quote and another user's read alike, so quote ids cannot be probed."""
    if quote is None or quote.user_id != user_id:
        return "No such quote of yours"
    if quote.used_by is not None:
        return "This quote was already used"
    if at >= quote.expires_at:
        return "This quote has expired: ask for a new one"
    if (quote.from_currency, quote.to_currency) != (from_currency, to_currency):
        return (f"This quote converts {quote.from_currency} to {quote.to_currency}; this send"
                f" needs {from_currency} to {to_currency}")
    if amount != quote.source_amount:
        return f"amount must equal the quote's source_amount ({format_amount(quote.source_amount)})"
    return None


def ensure_usable(quote: Quote | None, **send) -> None:
    reason = refusal_reason(quote, **send)
    if reason is not None:
        raise errors.FxQuoteInvalid(reason)


def quote_needed(sender_currency: str, recipient_currency: str) -> bool:
    return sender_currency != recipient_currency


# --- the FX send, for the posting engine -------------------------------------------------
def terms_of(operation) -> dict | None:
    """The quote terms an accepted send carries (None: a send within one currency)."""
    return operation.payload.get("fx") if operation.type == SEND else None


def quote_id_of(operation) -> uuid.UUID | None:
    found = terms_of(operation)
    return uuid.UUID(found["quote_id"]) if found else None


def system_accounts_of(operations) -> dict[str, str]:
    """The FX system accounts (id -> currency) these operations may move."""
    found: dict[str, str] = {}
    for operation in operations:
        recorded = terms_of(operation)
        if recorded:
            for currency in (operation.currency, recorded["target_currency"]):
                found[fx_account(currency)] = currency
    return found


def plan_fx_transfer(sender: WalletState, recipient: WalletState | None, quote: Quote | None,
                     operation) -> list[Leg]:
    """Sender to recipient across currencies, at the quote: the sender pays the
    source amount into `fx:<FROM>`, the recipient gets the target amount out of
    `fx:<TO>`. Checked under lock, as the engine posts it."""
    ensure_can_move_money(sender.status, sender.freeze_reason)
    if recipient is None:
        raise errors.RecipientWalletNotFound()
    ensure_can_receive(recipient.status, recipient.freeze_reason)
    ensure_usable(quote, user_id=operation.user_id, from_currency=sender.currency,
                  to_currency=recipient.currency, amount=operation.amount,
                  at=operation.created_at)
    if not _carries(terms_of(operation), quote):
        raise errors.FxQuoteInvalid("The send does not carry this quote's terms")
    ensure_covers(sender.available, quote.source_amount)
    return [
        Leg(-quote.source_amount, wallet_id=sender.wallet_id,
            counterparty_wallet_id=recipient.wallet_id),
        Leg(quote.source_amount, system_account=fx_account(quote.from_currency)),
        Leg(-quote.target_amount, system_account=fx_account(quote.to_currency)),
        Leg(quote.target_amount, wallet_id=recipient.wallet_id,
            counterparty_wallet_id=sender.wallet_id),
    ]


def _carries(recorded: dict, quote: Quote) -> bool:
    """The terms recorded on the operation at acceptance are the quote's (the journal's
    metadata shows them, so they must be what the legs move)."""
    expected = terms(quote)
    return all(recorded.get(name) == expected[name] for name in _BINDING_TERMS)


_BINDING_TERMS = ("quote_id", "rate", "source_amount", "source_currency", "target_amount",
                  "target_currency")
