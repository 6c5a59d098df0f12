"""Turns an operation row (and its ledger rows) into the contract's operation object."""
from __future__ import annotations

from db import transactions
from db.models import Operation
from domain.holds import hold_id_of


def operation_view(session, operation: Operation) -> dict:
    """`session` is read from only for a completed operation (its ledger rows)."""
    return {
        "operation_id": operation.id,
        "type": operation.type,
        "status": operation.status,
        "amount": operation.amount,
        "currency": operation.currency,
        "created_at": operation.created_at,
        "finished_at": operation.finished_at,
        "result": _result(session, operation),
        "error": _error(operation),
    }


def _result(session, operation: Operation) -> dict | None:
    if operation.status != "completed":
        return None
    # Only the operation wallet's own rows: the counterparty's balance is not ours to show.
    rows = transactions.of_operation(session, operation.wallet_id, operation.id)
    return {"reference_id": operation.reference_id, "transactions": [dict(row) for row in rows],
            **hold_id_of(operation.type, operation.payload)}


def _error(operation: Operation) -> dict | None:
    if operation.status != "failed":
        return None
    return {"error_code": operation.error_code, "message": operation.error_message}
