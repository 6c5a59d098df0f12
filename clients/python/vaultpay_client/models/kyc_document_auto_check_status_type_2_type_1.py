from enum import StrEnum


class KycDocumentAutoCheckStatusType2Type1(StrEnum):
    FLAGGED = "flagged"
    PASSED = "passed"

    def __str__(self) -> str:
        return str(self.value)
