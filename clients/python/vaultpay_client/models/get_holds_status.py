from enum import StrEnum


class GetHoldsStatus(StrEnum):
    ACTIVE = "active"
    CAPTURED = "captured"
    EXPIRED = "expired"
    VOIDED = "voided"

    def __str__(self) -> str:
        return str(self.value)
