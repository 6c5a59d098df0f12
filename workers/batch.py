"""Posting claimed operations in one database transaction: a batch of many, or one
alone (workers/single.py). Both go through the one posting engine (domain/posting.py).

The operations are applied in acceptance order against balances, limit usage and
refund caps kept in memory, under the row locks of every wallet they touch, and
written set-based: one statement each for journals, entries, wallet balances,
system-account balances, operation states and notifications, whatever their number.
An operation the rules refuse (an overdraft, a frozen wallet, a limit, a refund above
what is left) fails alone; the others post.
"""
from __future__ import annotations

from db import ledger
from db import posting as rows
from domain import posting as engine
from domain.ledger import HOLD_TYPES, PAYOUT_ITEM, SEND, TOPUP, WITHDRAW
from domain.posting import Operation, Outcome
from services import events, payout_progress

# Types the batch posts; a refund re-checks its dispute's cap and goes alone. Holds and
# their decisions batch like sends: the engine decides each hold once, in order; so do
# payout items, each its own posting.
BATCHED_TYPES = frozenset({SEND, TOPUP, WITHDRAW, *HOLD_TYPES, PAYOUT_ITEM})


def post(session, operations: list[Operation]) -> list[Outcome]:
    """Post claimed operations (oldest first) in the caller's transaction; returns the
    outcome of each one still unfinished under lock (others finished them meanwhile)."""
    operations = rows.lock_unfinished(session, operations)
    if not operations:
        return []
    state = rows.load_state(session, operations)
    operations = _in_wallet_order(session, operations)
    if not operations:
        return []
    postings = engine.post(state, operations)
    _record(session, postings)
    return postings.outcomes


def _in_wallet_order(session, operations: list[Operation]) -> list[Operation]:
    """The operations that may post now; the others, behind an earlier operation of
    their wallet that another worker holds, go back to the queue to wait for it (not a
    failed delivery), so each wallet's operations complete in acceptance order
    whichever worker or host claimed them. Called under the wallet row locks."""
    behind = ledger.behind_earlier(session, operations)
    if behind:
        ledger.unclaim(session, list(behind))
    return [op for op in operations if op.id not in behind]


def fail(session, operation: Operation, refusal) -> Outcome | None:
    """Fail a claimed operation without posting it (dead-lettering), with the same
    announcements as any other failure; None if it was finished meanwhile."""
    if not rows.lock_unfinished(session, [operation]):
        return None
    postings = engine.Postings(outcomes=[engine.failed(operation, refusal)])
    _record(session, postings)
    return postings.outcomes[0]


def _record(session, postings: engine.Postings) -> None:
    rows.write(session, postings)
    events.operations_finished(session, postings.outcomes)
    payout_progress.items_finished(session, postings.outcomes)
