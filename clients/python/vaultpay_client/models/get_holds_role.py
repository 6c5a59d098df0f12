from enum import StrEnum


class GetHoldsRole(StrEnum):
    PAYEE = "payee"
    PAYER = "payer"

    def __str__(self) -> str:
        return str(self.value)
