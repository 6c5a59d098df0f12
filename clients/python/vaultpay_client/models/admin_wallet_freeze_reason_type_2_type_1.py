from enum import StrEnum


class AdminWalletFreezeReasonType2Type1(StrEnum):
    ADMIN = "admin"
    PIN_LOCKOUT = "pin_lockout"
    SELF = "self"

    def __str__(self) -> str:
        return str(self.value)
