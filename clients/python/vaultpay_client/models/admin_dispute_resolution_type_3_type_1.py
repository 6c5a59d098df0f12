from enum import StrEnum


class AdminDisputeResolutionType3Type1(StrEnum):
    REFUND = "refund"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
