"""The posting job: drain the queue of accepted operations, a batch at a time.

A job claims up to POSTING_BATCH_SIZE queued operations (oldest first), takes the
Redis locks of their wallets, and posts them in one database transaction
(workers/batch.py); operations whose wallets another worker holds are put back for a
later batch, so each wallet's postings stay serial. It goes on until the queue is empty
or its time is up, and calls in a second worker (workers/doorbell.py) while a full
batch shows that more are waiting.

Exactly-once effect under at-least-once delivery: the operation rows are locked and
their status re-read inside the posting transaction, and the database refuses a second
journal for one operation. Operations delivered before without finishing (their worker
died), and refunds, are posted one at a time (workers/single.py), so a poison
operation can only ever fail itself: it is dead-lettered after MAX_POSTING_DELIVERIES.
"""
from __future__ import annotations

import logging
import random
import time
import uuid
from contextlib import nullcontext

import redis as redis_lib

import logs
import tracing
from db import ledger
from db.redis import key
from db.session import autocommit, unit_of_work
from db.transient import is_transient as transient
from domain.ledger import SEND, wallets_of
from domain.posting import Operation, Outcome
from settings import Settings
from workers import batch, doorbell, metrics, outbox, single
from workers.locks import LockBusy, release_wallet_locks, try_wallet_locks, wallet_locks
from workers.names import POSTING_TASKS

log = logging.getLogger("vaultpay.posting")


def drain(s: Settings, r: redis_lib.Redis, own_id: uuid.UUID | None = None) -> int:
    """Post queued operations until none is left or POSTING_DRAIN_S is up; returns how
    many finished. `own_id` is the operation whose message this is: claimed even if an
    earlier delivery left it 'processing' (that worker died)."""
    doorbell.answer(r)  # from here on, a newly accepted operation rings again
    deadline = time.monotonic() + s.posting_drain_s
    finished = idle_rounds = 0
    held_elsewhere: set[str] = set()  # payers another worker was found posting
    while True:
        # One statement, atomic by itself: in autocommit it costs one round trip, not
        # three (BEGIN, the claim, COMMIT), on the path of every send at idle.
        with autocommit(s.database_url) as session:
            claimed = ledger.claim(session, s.posting_batch_size, own_id, held_elsewhere)
        own_id = None
        if not claimed and held_elsewhere:
            # What is left may be only the payers passed over: claim them again (they
            # wait for the other worker's lock like any other) rather than end the drain
            # and leave them queued with no job rung, for the sweeper to find minutes later.
            held_elsewhere.clear()
            continue
        if not claimed:
            return finished
        if len(claimed) >= s.posting_batch_size:
            _ring()  # more are waiting: let a second worker drain beside this one
        try:
            done = post_claimed(s, r, claimed, held_elsewhere)
        except Exception as exc:
            if transient(exc):
                # PostgreSQL or Redis went away mid-round: what is still claimed goes
                # back to the queue now, not after the sweeper's wait; Celery retries.
                single.give_back(s, claimed)
            raise
        finished += done
        if time.monotonic() > deadline:
            _ring_if_queued(s)
            return finished
        idle_rounds = 0 if done else idle_rounds + 1
        if idle_rounds:  # everything claimed was waiting on a busy wallet
            time.sleep(min(0.005 * 2 ** idle_rounds, 0.1) * random.uniform(0.5, 1))


def post_claimed(s: Settings, r: redis_lib.Redis, claimed: list,
                 held_elsewhere: set[str] | None = None) -> int:
    """Post what was claimed; adds to `held_elsewhere` the paying wallets whose Redis
    lock another worker held (their operations went back to the queue)."""
    # One span per claimed batch, linked to the trace of each operation's request.
    with tracing.batch_span("post operations", (op.trace_context for op in claimed),
                            **{"vaultpay.operations": len(claimed)}):
        return _post_each(s, r, claimed, set() if held_elsewhere is None else held_elsewhere)


def _post_each(s: Settings, r: redis_lib.Redis, claimed: list, held_elsewhere: set[str]) -> int:
    finished = 0
    batchable = []
    for operation in claimed:
        if operation.deliveries > s.max_posting_deliveries:
            outcome = single.dead_letter(s, operation)
            if outcome is not None:
                _announce(r, outcome)
                finished += 1
        elif operation.type not in batch.BATCHED_TYPES or operation.deliveries > 1:
            finished += _post_alone(s, r, operation) is not None
        else:
            batchable.append(operation)
    if batchable:
        finished += _post_batch(s, r, batchable, held_elsewhere)
    return finished


def _post_batch(s: Settings, r: redis_lib.Redis, operations: list, held_elsewhere: set[str]) -> int:
    token = uuid.uuid4().hex
    wanted = set().union(*map(wallets_of, operations))
    held, busy = (try_wallet_locks(r, wanted, s.wallet_lock_ttl_ms, token)
                  if s.wallet_locks_enabled else ([], set()))
    held_elsewhere |= {op.wallet_id for op in operations} & busy
    try:
        ready, waiting = _ready_and_waiting(operations, busy)
        if waiting:
            with unit_of_work(s.database_url) as session:
                ledger.unclaim(session, [op.id for op in waiting])
        posted = _post_ready(s, ready) if ready else []
    finally:
        if held:
            release_wallet_locks(r, held, token)
    pipe = r.pipeline(transaction=False)  # one round trip for the whole batch
    for each in posted:
        _announce(pipe, each)
    pipe.execute()
    return len(posted)


def _ready_and_waiting(operations: list, busy: set[str]) -> tuple[list, list]:
    """Split in acceptance order: once an operation must wait for a busy wallet, every
    later one touching any of its wallets waits too, so no wallet's order is swapped."""
    blocked, ready, waiting = set(busy), [], []
    for operation in operations:
        wallets = wallets_of(operation)
        if wallets & blocked:
            waiting.append(operation)
            blocked |= wallets
        else:
            ready.append(operation)
    return ready, waiting


def _post_ready(s: Settings, ready: list) -> list:
    try:
        with unit_of_work(s.database_url) as session:
            return batch.post(session, ready)
    except Exception as exc:
        if transient(exc):
            raise  # given back by drain()
        # Not a rule the batch checks (those fail one operation) but a constraint or a
        # bug: post them one by one, under the locks this batch holds, so that only the
        # culprit fails and its batch-mates are not stranded.
        log.exception("posting batch of %s failed; posting them one at a time", len(ready))
        return [outcome for op in ready if (outcome := single.post(s, op)) is not None]


def _post_alone(s: Settings, r: redis_lib.Redis, operation: Operation) -> Outcome | None:
    """One operation in its own transaction: refunds, and operations whose earlier
    delivery never finished (so that a poison operation fails nobody else)."""
    locks = (wallet_locks(r, wallets_of(operation), s.wallet_lock_ttl_ms)
             if s.wallet_locks_enabled else nullcontext())
    try:
        with locks:
            outcome = single.post(s, operation)
    except LockBusy:
        with unit_of_work(s.database_url) as session:
            ledger.unclaim(session, [operation.id])
        return None
    if outcome is not None:
        _announce(r, outcome)
    return outcome


def _announce(r: redis_lib.Redis, outcome: Outcome) -> None:
    """After commit: metrics, the "done" message that `Prefer: wait` listens for, and the
    log line, which carries the operation's own request id."""
    metrics.operation_finished(outcome.type, outcome.status, outcome.created_at)
    r.publish(key("op", "done", outcome.id), outcome.status)
    bound = logs.request_id.get(), logs.operation_id.get()
    logs.bind(request_id=outcome.request_id or bound[0], operation_id=outcome.id)
    log.info("operation_id=%s finished status=%s", outcome.id, outcome.status)
    logs.bind(request_id=bound[0], operation_id=bound[1])


def _ring() -> None:
    outbox.publish(POSTING_TASKS[SEND], [])


def _ring_if_queued(s: Settings) -> None:
    with unit_of_work(s.database_url) as session:
        queued = ledger.any_queued(session)
    if queued:
        _ring()


def requeue_stuck(s: Settings, limit: int = 500) -> int:
    """Ring for operations nobody is posting: put back those claimed by a worker that
    died (no posting outlives the hard time limit), and ring once if any has waited in
    the queue longer than STUCK_OPERATION_S (its job was never published, or was lost
    with Redis). One job drains them all; ringing while one waits adds nothing."""
    with unit_of_work(s.database_url) as session:
        # No posting outlives the hard time limit: one claimed for longer lost its worker.
        put_back = ledger.requeue_abandoned(session, s.task_time_limit + 1, limit)
        waiting = ledger.count_waiting(session, s.stuck_operation_s, limit)
    if put_back or waiting:
        _ring()
        log.warning("rang for stuck operations: %s put back from a dead worker, %s waiting",
                    put_back, waiting)
    return put_back + waiting
