"""Money is a Decimal quantized to the minor unit (two decimals for every currency we
support), parsed from strings at the edge and formatted back to strings."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

MINOR_UNIT = Decimal("0.01")
# Digits of each currency's minor unit (ISO 4217) that a wallet may be opened in.
# Amounts are stored as NUMERIC(20, 2) and travel with two decimals, so only
# currencies of two-digit minor units are listed (no JPY, no KWD).
MINOR_UNIT_DIGITS = {code: 2 for code in (
    "INR", "USD", "EUR", "GBP", "AED", "SGD", "AUD", "CAD", "CHF", "CNY", "HKD", "NZD",
    "SAR", "QAR", "SEK", "NOK", "DKK", "PLN", "ZAR", "MYR", "THB", "PHP", "MXN", "BRL")}
MAX_AMOUNT = Decimal("999999999.99")
# ASCII digits, an optional point and at most two decimals: no exponents, signs,
# spaces, other scripts' digits (Decimal would accept them) or a trailing newline.
_AMOUNT_RE = re.compile(r"[0-9]{1,9}(\.[0-9]{1,2})?")


def parse_amount(text: str) -> Decimal:
    """Parse a client amount string; raises ValueError with a client-facing reason."""
    if not isinstance(text, str):
        raise ValueError("Amount must be a string such as \"250.00\"")
    if not _AMOUNT_RE.fullmatch(text):
        raise ValueError("Amount must be a positive number with at most two decimals")
    amount = Decimal(text).quantize(MINOR_UNIT)
    if amount <= 0:
        raise ValueError("Amount must be greater than zero")
    if amount > MAX_AMOUNT:
        raise ValueError(f"Amount must be at most {MAX_AMOUNT}")
    return amount


def format_amount(amount: Decimal) -> str:
    return str(Decimal(amount).quantize(MINOR_UNIT))


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of `currency` (0.01 for every currency we support)."""
    return Decimal(1).scaleb(-MINOR_UNIT_DIGITS[currency])


def round_to_minor_unit(amount: Decimal, currency: str) -> Decimal:
    """`amount` rounded half-even (banker's rounding) to `currency`'s minor unit: the
    one rounding a conversion makes, so the amounts posted are exactly those quoted."""
    return Decimal(amount).quantize(minor_unit(currency), rounding=ROUND_HALF_EVEN)
