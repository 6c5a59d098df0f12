from enum import StrEnum


class GetAdminLimitsSource(StrEnum):
    ADMIN = "admin"
    CUSTOM = "custom"

    def __str__(self) -> str:
        return str(self.value)
