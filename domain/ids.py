"""Identifiers as they arrive from outside (paths, job arguments): parsed or refused."""
from __future__ import annotations

import uuid


def uuid_or_none(value: object) -> uuid.UUID | None:
    """`value` as a UUID, or None when it is not one (a malformed id finds nothing)."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
