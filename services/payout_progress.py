"""A payout's progress, moved by the posting transaction of its items (workers/batch.py):
its counters and status always agree with its items, since they commit together, and
its end is announced exactly once, by the transaction that finished its last item:
the "payout_finished" notification and the `payout.finished` webhook event to its
payer. A redelivered or re-run posting finds its items already finished and moves
nothing (the engine never sees them again).
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from db import payouts
from db.models import Payout
from db.notifications import notify
from domain.ledger import PAYOUT_ITEM
from domain.money import format_amount
from domain.webhooks import PAYOUT_FINISHED
from services import events


def items_finished(session: Session, finished: list) -> None:
    """Count the payout items among `finished` (domain.posting.Outcome) into their
    payouts, and announce each payout this finished."""
    tallies: dict[uuid.UUID, list] = defaultdict(lambda: [0, 0, Decimal("0.00")])
    for outcome in finished:
        if outcome.type != PAYOUT_ITEM:
            continue
        tally = tallies[uuid.UUID(outcome.payload["payout_id"])]
        if outcome.status == "completed":
            tally[0] += 1
            tally[2] += outcome.amount
        else:
            tally[1] += 1
    if not tallies:
        return
    progress = {payout_id: counters.after(*tallies[payout_id])
                for payout_id, counters in payouts.lock_progress(session, list(tallies)).items()}
    payouts.save_progress(session, progress)
    for payout_id in sorted(p for p, counters in progress.items() if counters.finished):
        _announce_finished(session, payouts.by_id(session, payout_id))


def _announce_finished(session: Session, payout: Payout) -> None:
    paid = f"{format_amount(payout.completed_amount)} {payout.currency}"
    body = (f"Your payout of {payout.item_count} items finished: {payout.completed_count} paid"
            f" ({paid}), {payout.failed_count} failed.")
    notify(session, payout.user_id, "payout_finished", "Payout finished", body, {
        "payout_id": str(payout.id), "status": payout.status,
        "completed_count": payout.completed_count, "failed_count": payout.failed_count,
        "completed_amount": format_amount(payout.completed_amount),
    })
    events.emit(session, payout.user_id, PAYOUT_FINISHED, payout_data(payout))


def payout_data(payout: Payout) -> dict:
    """The payout object of GET /payouts/{payout_id}, as its owner sees it."""
    return {
        "payout_id": payout.id, "status": payout.status, "currency": payout.currency,
        "item_count": payout.item_count, "completed_count": payout.completed_count,
        "failed_count": payout.failed_count, "total_amount": payout.total_amount,
        "completed_amount": payout.completed_amount, "description": payout.description,
        "created_at": payout.created_at, "finished_at": payout.finished_at,
    }
