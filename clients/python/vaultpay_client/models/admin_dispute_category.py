from enum import StrEnum


class AdminDisputeCategory(StrEnum):
    TRANSFER = "transfer"
    WITHDRAWAL = "withdrawal"

    def __str__(self) -> str:
        return str(self.value)
