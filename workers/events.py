"""What a finished operation announces, written in the posting transaction (issue 4
fills this in: notifications such as "money received" and "operation failed", and
webhook deliveries for operation.completed / operation.failed / transaction.credited)."""
from __future__ import annotations


def operation_finished(session, operation) -> None:
    """Called by the posting job after the operation reached completed or failed, in
    the same transaction, so the announcement exists exactly when the outcome does."""
