from enum import StrEnum


class ViolationInvariant(StrEnum):
    CACHED_BALANCE_EQUALS_ENTRIES = "cached_balance_equals_entries"
    JOURNAL_ENTRIES_SUM_TO_ZERO = "journal_entries_sum_to_zero"
    OPERATION_STATE_MATCHES_JOURNALS = "operation_state_matches_journals"
    ZERO_SUM_PER_CURRENCY = "zero_sum_per_currency"

    def __str__(self) -> str:
        return str(self.value)
