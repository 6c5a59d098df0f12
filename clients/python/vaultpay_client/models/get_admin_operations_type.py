from enum import StrEnum


class GetAdminOperationsType(StrEnum):
    CAPTURE = "capture"
    EXPIRE = "expire"
    HOLD = "hold"
    REFUND = "refund"
    SEND = "send"
    TOPUP = "topup"
    VOID = "void"
    WITHDRAW = "withdraw"

    def __str__(self) -> str:
        return str(self.value)
