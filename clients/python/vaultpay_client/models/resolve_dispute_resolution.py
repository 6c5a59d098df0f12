from enum import StrEnum


class ResolveDisputeResolution(StrEnum):
    REFUND = "refund"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
