"""Operations as the API would have accepted them, written straight into the database,
for tests of the posting job on its own (its re-checks, redelivery, the sweeper)."""
from __future__ import annotations

import json
import uuid

from checks.ledger import wait_all_finished
from workers import outbox
from workers.app import POSTING_TASKS


def insert_accepted(db, owner, kind: str, amount: str, *, operation_id: str | None = None,
                    **payload) -> str:
    """Committed but not published: as if the API died between commit and enqueue."""
    operation_id = operation_id or str(uuid.uuid4())
    db.execute(
        "INSERT INTO operations (id, user_id, wallet_id, type, amount, currency, idempotency_key,"
        " request_fingerprint, payload) VALUES (%s, %s, %s, %s, %s, 'INR', %s, 'x', %s)",
        (operation_id, owner.user_id, owner.wallet_id, kind, amount, uuid.uuid4().hex,
         json.dumps(payload)),
    )
    return operation_id


def publish(kind: str, operation_id: str, times: int = 1) -> None:
    for _ in range(times):  # at-least-once delivery: the same job may come again
        outbox.publish(POSTING_TASKS[kind], [operation_id])


def enqueue_accepted(db, owner, kind: str, amount: str, **payload) -> str:
    operation_id = insert_accepted(db, owner, kind, amount, **payload)
    publish(kind, operation_id)
    return operation_id


def outcome(db, operation_id: str) -> tuple[str, str | None]:
    """Wait for the operation to finish; its status and error code."""
    status = wait_all_finished(db, [operation_id])[operation_id]
    code = db.execute("SELECT error_code FROM operations WHERE id = %s", (operation_id,)).fetchone()[0]
    return status, code


def post_together(db, *accepted: tuple) -> list[str]:
    """Operations (owner, kind, amount, payload) accepted at one instant, in this order
    of acceptance, then one posting job: the worker posts them as one batch. Their ids,
    once all have finished."""
    ids = []
    with db.transaction():
        for owner, kind, amount, payload in accepted:
            operation_id = insert_accepted(db, owner, kind, amount, **payload)
            # now() is one instant per transaction; acceptance order needs distinct times.
            db.execute("UPDATE operations SET created_at = clock_timestamp() WHERE id = %s",
                       (operation_id,))
            ids.append(operation_id)
    publish(accepted[0][1], ids[0])
    wait_all_finished(db, ids, timeout_s=30)
    return ids
