from enum import StrEnum


class KycDocumentAutoCheckStatusType1(StrEnum):
    FLAGGED = "flagged"
    PASSED = "passed"

    def __str__(self) -> str:
        return str(self.value)
