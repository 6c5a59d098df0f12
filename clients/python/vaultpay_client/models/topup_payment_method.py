from enum import StrEnum


class TopupPaymentMethod(StrEnum):
    CARD = "card"
    NETBANKING = "netbanking"
    UPI = "upi"

    def __str__(self) -> str:
        return str(self.value)
