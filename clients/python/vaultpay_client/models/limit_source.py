from enum import StrEnum


class LimitSource(StrEnum):
    ADMIN = "admin"
    CUSTOM = "custom"
    DEFAULT = "default"

    def __str__(self) -> str:
        return str(self.value)
