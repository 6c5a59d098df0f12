"""Segregation of duties (API.md section 12): nobody uses a privileged role on anything
they are a party to.

A moderator who could unfreeze their own wallet could also clear their own PIN
lockout and keep guessing; an admin could raise their own limits; a payee could
refund themselves. So whatever the role, super admin included, a privileged action on
one's own account, wallet, limits, KYC submission, or a dispute one is the disputer or
the counterparty of is refused: another moderator or admin must act.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from domain import errors


def ensure_not_party(actor_id: uuid.UUID | None, parties: Iterable[uuid.UUID | None],
                     message: str | None = None) -> None:
    """Raise SelfActionNotAllowed when the actor is one of `parties` (None entries, such
    as the external side of a withdrawal, are nobody)."""
    # Compared as text: ids arrive as UUIDs from the ORM and as strings from elsewhere.
    if actor_id is not None and str(actor_id) in {str(party) for party in parties if party}:
        raise errors.SelfActionNotAllowed(message)
