"""KYC documents: which types we accept, how a number is normalised and validated,
how it is masked for display, and which submission states allow what.

Formats (after normalising: ASCII only, spaces and hyphens removed, upper case):
- aadhaar: 12 digits, the first not 0 or 1, the last a Verhoeff check digit (UIDAI).
- pan: five letters, four digits, one letter (Income Tax Department).
- passport: an Indian passport number, one letter and seven digits. The stricter
  patterns seen online (no Q/X/Z, no zero in second or last place) are folklore, not a
  published rule, so we accept any letter and leave the rest to the moderator rather
  than refuse a real passport.
- driving_license: Indian format (Sarathi): 2-letter state code, 2-digit RTO code,
  4-digit year of issue (19xx or 20xx) and a 7-digit serial, e.g. MH-14 2011 0062821.
- voter_id: EPIC number, three letters and seven digits.

Patterns use [0-9] and fullmatch, never \\d or $: \\d accepts other scripts' digits and
$ accepts a trailing newline.
"""
from __future__ import annotations

import re

from domain import errors

AADHAAR, PAN, PASSPORT = "aadhaar", "pan", "passport"
DRIVING_LICENSE, VOTER_ID = "driving_license", "voter_id"
DOC_TYPES = (AADHAAR, PAN, PASSPORT, DRIVING_LICENSE, VOTER_ID)
# The seed's spelling, still sent by its clients; stored under the canonical name.
DOC_TYPE_ALIASES = {"aadhar": AADHAAR}

NONE, PENDING, VERIFIED, REJECTED = "none", "pending", "verified", "rejected"
STATUSES = (PENDING, VERIFIED, REJECTED)

_SEPARATORS = str.maketrans("", "", " -")
_FORMATS = {
    AADHAAR: (re.compile(r"[2-9][0-9]{11}"),
              "Aadhaar is 12 digits and cannot start with 0 or 1"),
    PAN: (re.compile(r"[A-Z]{5}[0-9]{4}[A-Z]"),
          "PAN is 5 letters, 4 digits and a letter, e.g. ABCDE1234F"),
    PASSPORT: (re.compile(r"[A-Z][0-9]{7}"),
               "Passport number is a letter followed by 7 digits, e.g. J8369854"),
    DRIVING_LICENSE: (re.compile(r"[A-Z]{2}[0-9]{2}(?:19|20)[0-9]{2}[0-9]{7}"),
                      "Driving licence is a 2-letter state code, 2-digit RTO code, "
                      "4-digit year and 7-digit number, e.g. MH14 2011 0062821"),
    VOTER_ID: (re.compile(r"[A-Z]{3}[0-9]{7}"),
               "Voter id (EPIC) is 3 letters followed by 7 digits, e.g. ABC1234567"),
}

# Verhoeff: multiplication in the dihedral group D5, a position-dependent permutation,
# and inverses. It catches every single-digit error and every adjacent transposition.
_D5 = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6), (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4), (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_PERMUTATION = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2), (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INVERSE = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


class InvalidDocumentNumber(ValueError):
    """Raised when a number does not fit its type; the message never contains it."""


def _verhoeff_checksum(digits: str, offset: int) -> int:
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _D5[check][_PERMUTATION[(position + offset) % 8][int(digit)]]
    return check


def verhoeff_valid(digits: str) -> bool:
    """True when the last digit of an ASCII digit string is its Verhoeff check digit."""
    return _verhoeff_checksum(digits, 0) == 0


def verhoeff_check_digit(digits: str) -> str:
    """The digit to append to `digits` to make it Verhoeff-valid."""
    return str(_INVERSE[_verhoeff_checksum(digits, 1)])


def normalise(doc_type: str, raw: str) -> str:
    """The canonical form of a document number, or InvalidDocumentNumber."""
    # ASCII first: upper() maps some non-ASCII letters to ASCII ones (dotless i -> I).
    if not raw.isascii():
        raise InvalidDocumentNumber("Use only ASCII letters, digits, spaces and hyphens")
    number = raw.translate(_SEPARATORS).upper()
    pattern, rule = _FORMATS[doc_type]
    if not pattern.fullmatch(number):
        raise InvalidDocumentNumber(rule)
    if doc_type == AADHAAR and not verhoeff_valid(number):
        raise InvalidDocumentNumber("Aadhaar check digit is wrong: check the number")
    return number


def problems(doc_type: str, number: str) -> list[str]:
    """What the automated review finds wrong with a stored number (empty: nothing)."""
    try:
        canonical = normalise(doc_type, number)
    except InvalidDocumentNumber as exc:
        return [f"format: {exc}"]
    return [] if canonical == number else ["format: stored number is not in canonical form"]


def mask(doc_type: str, number: str) -> str:
    """Only the last four characters stay visible (UIDAI's masked Aadhaar layout)."""
    if doc_type == AADHAAR:
        return f"XXXX XXXX {number[-4:]}"
    return "X" * (len(number) - 4) + number[-4:]


def mentions(text: str, number: str) -> bool:
    """True when free text contains the number, however it is spaced or cased."""
    return number in text.upper().translate(_SEPARATORS)


def ensure_may_submit(live_status: str | None) -> None:
    """A user has at most one pending or verified submission; a rejected one may be
    followed by a new submission."""
    if live_status == PENDING:
        raise errors.KycAlreadySubmitted()
    if live_status == VERIFIED:
        raise errors.KycAlreadyVerified()


def ensure_decidable(status: str) -> None:
    if status != PENDING:
        raise errors.KycAlreadyDecided(details={"status": status})


def review_state(status: str, auto_checked: bool) -> str:
    """Where a submission is in the review: automated checks, then a moderator."""
    if status != PENDING:
        return "decided"
    return "awaiting_moderator" if auto_checked else "awaiting_checks"
