from enum import StrEnum


class OperationType(StrEnum):
    REFUND = "refund"
    SEND = "send"
    TOPUP = "topup"
    WITHDRAW = "withdraw"

    def __str__(self) -> str:
        return str(self.value)
