from enum import StrEnum


class HoldStatus(StrEnum):
    ACTIVE = "active"
    CAPTURED = "captured"
    EXPIRED = "expired"
    VOIDED = "voided"

    def __str__(self) -> str:
        return str(self.value)
