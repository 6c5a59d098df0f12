from enum import StrEnum


class AdminOperationType(StrEnum):
    CAPTURE = "capture"
    EXPIRE = "expire"
    HOLD = "hold"
    PAYOUT_ITEM = "payout_item"
    REFUND = "refund"
    SEND = "send"
    TOPUP = "topup"
    VOID = "void"
    WITHDRAW = "withdraw"

    def __str__(self) -> str:
        return str(self.value)
