from enum import StrEnum


class RoleChangeRole(StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"
    SUPER_ADMIN = "super_admin"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
