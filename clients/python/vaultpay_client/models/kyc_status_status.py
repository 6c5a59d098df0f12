from enum import StrEnum


class KycStatusStatus(StrEnum):
    NONE = "none"
    PENDING = "pending"
    REJECTED = "rejected"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
