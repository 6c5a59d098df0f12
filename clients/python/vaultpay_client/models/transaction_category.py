from enum import StrEnum


class TransactionCategory(StrEnum):
    REFUND = "refund"
    TOPUP = "topup"
    TRANSFER = "transfer"
    WITHDRAWAL = "withdrawal"

    def __str__(self) -> str:
        return str(self.value)
