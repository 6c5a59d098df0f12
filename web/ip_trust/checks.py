"""IP trust check made before a send or withdrawal is accepted (issue 3 fills it in)."""
from __future__ import annotations


def ensure_trusted_ip(kind: str, wallet) -> None:
    """Raise UntrustedIp for an IP this user has not confirmed (after committing
    whatever the refusal must leave behind: the confirmation email job)."""
