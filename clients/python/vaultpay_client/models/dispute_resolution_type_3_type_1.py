from enum import StrEnum


class DisputeResolutionType3Type1(StrEnum):
    REFUND = "refund"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
