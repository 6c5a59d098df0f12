"""The four ledger invariants of DESIGN.md, and how a broken one is described.

Reconciliation finds the offending rows in SQL; this module names the invariants and
turns each offending row into a violation an operator can act on.

Held money (API.md section 14) is covered by the same four: a wallet's cached `held`
must equal the sum of its active holds and stay within its balance (invariant 2, the
cache agrees with what it caches), and each hold operation's effect must match its
state as a journal does (invariant 4): a completed `hold` placed exactly one hold, a
completed `capture`, `void` or `expire` decided exactly one (captured for exactly its
amount, voided, expired), an unfinished or failed one changed none, and only a
capture posts a journal.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from decimal import Decimal

ZERO_SUM = "zero_sum_per_currency"
CACHED_BALANCE = "cached_balance_equals_entries"
BALANCED_JOURNAL = "journal_entries_sum_to_zero"
OPERATION_JOURNAL = "operation_state_matches_journals"
INVARIANTS = (ZERO_SUM, CACHED_BALANCE, BALANCED_JOURNAL, OPERATION_JOURNAL)


@dataclass(frozen=True)
class Violation:
    invariant: str
    subject: str  # the currency, account, journal or operation at fault
    detail: str

    def as_dict(self) -> dict:
        return asdict(self)


def unbalanced_currency(currency: str, total: Decimal) -> Violation:
    return Violation(ZERO_SUM, currency,
                     f"{currency}: all balances (system accounts included) sum to {total}, not 0")


def stale_balance(kind: str, account_id: str, cached: Decimal, posted: Decimal) -> Violation:
    return Violation(CACHED_BALANCE, account_id,
                     f"{kind} {account_id} caches balance {cached} but its entries sum to {posted}")


def unbalanced_journal(journal_id: str, currency: str, total: Decimal) -> Violation:
    return Violation(BALANCED_JOURNAL, journal_id,
                     f"journal {journal_id} entries in {currency} sum to {total}, not 0")


# Operation types whose completion posts no journal: they change what is held.
NO_JOURNAL_TYPES = ("hold", "void", "expire")


def mismatched_operation(operation_id: str, status: str, journals: int,
                         type_: str | None = None) -> Violation:
    posts = status == "completed" and type_ not in NO_JOURNAL_TYPES
    expected = "exactly one journal" if posts else "no journal"
    return Violation(OPERATION_JOURNAL, operation_id,
                     f"operation {operation_id} ({type_ or 'posting'}) is {status} with"
                     f" {journals} journals (expected {expected})")


def stale_held(wallet_id: str, cached: Decimal, active: Decimal, balance: Decimal) -> Violation:
    return Violation(CACHED_BALANCE, wallet_id,
                     f"wallet {wallet_id} caches held {cached} but its active holds sum to"
                     f" {active} (balance {balance}; held may not exceed it)")


def mismatched_hold_operation(operation_id: str, type_: str, status: str, placed: int,
                              decided: int) -> Violation:
    return Violation(OPERATION_JOURNAL, operation_id,
                     f"{type_} operation {operation_id} is {status} but placed {placed} and"
                     f" decided {decided} holds (or decided one the wrong way)")


def counts_by_invariant(violations: list[Violation]) -> dict[str, int]:
    """How many violations each invariant has, every invariant listed (0 when intact)."""
    found = Counter(violation.invariant for violation in violations)
    return {invariant: found[invariant] for invariant in INVARIANTS}
