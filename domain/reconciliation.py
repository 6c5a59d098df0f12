"""The four ledger invariants of DESIGN.md, and how a broken one is described.

Reconciliation finds the offending rows in SQL; this module names the invariants and
turns each offending row into a violation an operator can act on.
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


def mismatched_operation(operation_id: str, status: str, journals: int) -> Violation:
    expected = "exactly one journal" if status == "completed" else "no journal"
    return Violation(OPERATION_JOURNAL, operation_id,
                     f"operation {operation_id} is {status} with {journals} journals"
                     f" (expected {expected})")


def counts_by_invariant(violations: list[Violation]) -> dict[str, int]:
    """How many violations each invariant has, every invariant listed (0 when intact)."""
    found = Counter(violation.invariant for violation in violations)
    return {invariant: found[invariant] for invariant in INVARIANTS}
