from enum import StrEnum


class DisputeResolutionType1(StrEnum):
    REFUND = "refund"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
