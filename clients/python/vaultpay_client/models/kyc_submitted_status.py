from enum import StrEnum


class KycSubmittedStatus(StrEnum):
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
