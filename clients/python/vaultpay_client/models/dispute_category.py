from enum import StrEnum


class DisputeCategory(StrEnum):
    TRANSFER = "transfer"
    WITHDRAWAL = "withdrawal"

    def __str__(self) -> str:
        return str(self.value)
