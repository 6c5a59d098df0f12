from enum import StrEnum


class StoredLimitAction(StrEnum):
    SEND_MONEY = "send_money"
    TOPUP = "topup"
    WITHDRAW = "withdraw"

    def __str__(self) -> str:
        return str(self.value)
