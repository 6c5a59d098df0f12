from enum import StrEnum


class GetDisputesStatus(StrEnum):
    OPEN = "open"
    RESOLVED_REFUND = "resolved_refund"
    RESOLVED_REJECTED = "resolved_rejected"

    def __str__(self) -> str:
        return str(self.value)
