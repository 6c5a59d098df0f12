from enum import StrEnum


class GetAdminTransactionsCategory(StrEnum):
    REFUND = "refund"
    TOPUP = "topup"
    TRANSFER = "transfer"
    WITHDRAWAL = "withdrawal"

    def __str__(self) -> str:
        return str(self.value)
