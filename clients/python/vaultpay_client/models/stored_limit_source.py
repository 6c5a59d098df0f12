from enum import StrEnum


class StoredLimitSource(StrEnum):
    ADMIN = "admin"
    CUSTOM = "custom"

    def __str__(self) -> str:
        return str(self.value)
