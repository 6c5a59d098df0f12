from enum import StrEnum


class KycReviewAutoCheckStatusType1(StrEnum):
    FLAGGED = "flagged"
    PASSED = "passed"

    def __str__(self) -> str:
        return str(self.value)
