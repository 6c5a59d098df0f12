"""The role hierarchy: each role includes every role below it."""
from __future__ import annotations

ROLES = ("user", "moderator", "admin", "super_admin")
_RANK = {role: rank for rank, role in enumerate(ROLES)}


def has_role(actual: str, required: str) -> bool:
    return _RANK.get(actual, -1) >= _RANK[required]


def roles_at_least(required: str) -> tuple[str, ...]:
    """Every role that includes `required` (itself and those above it)."""
    return ROLES[_RANK[required]:]
