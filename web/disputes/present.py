"""Turns a dispute view row into the contract's dispute object, and a path id into a UUID."""
from __future__ import annotations

import uuid

from domain import errors
from domain.disputes import RESOLUTIONS

_RESOLUTION_OF = {status: resolution for resolution, status in RESOLUTIONS.items()}


def dispute_view(row) -> dict:
    return {**row, "resolution": _RESOLUTION_OF.get(row["status"])}


def dispute_uuid(dispute_id: str) -> uuid.UUID:
    """A malformed id is reported like an unknown one."""
    try:
        return uuid.UUID(dispute_id)
    except ValueError as exc:
        raise errors.DisputeNotFound() from exc
