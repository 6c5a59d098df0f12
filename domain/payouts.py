"""Bulk payouts (API.md section 15): one request pays many recipients, each item its own
posting of the one engine (domain/posting.py, operation type `payout_item`).

What is checked up front, for the whole request (any refusal refuses every item, by
index): the amounts (by the schema), an unknown recipient wallet, the payer's own
wallet, a recipient in another currency, and a repeated item. Repeats: the same
recipient may be paid more than once in one payout (a salary and a bonus) only under
different `reference`s; a second item with the same recipient and the same reference
(or both without one) is refused as a duplicate, the usual mistake of a file exported
twice. What may change after the request (balance, a recipient's state, limits) is
left to the posting of each item: it fails that item alone.

A payout's status follows its items: queued until one finishes, processing while
some have and others have not, then completed (every item posted), failed (none) or
partially_completed.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

QUEUED, PROCESSING = "queued", "processing"
COMPLETED, PARTIALLY_COMPLETED, FAILED = "completed", "partially_completed", "failed"
STATUSES = (QUEUED, PROCESSING, COMPLETED, PARTIALLY_COMPLETED, FAILED)
FINISHED = (COMPLETED, PARTIALLY_COMPLETED, FAILED)
ITEM_STATUSES = ("queued", "processing", "completed", "failed")

UNKNOWN_WALLET = "No wallet has this id"
OWN_WALLET = "A payout cannot pay the payer's own wallet"
OTHER_CURRENCY = "This wallet holds another currency than the payer's"


@dataclass(frozen=True)
class Item:
    index: int
    recipient_wallet_id: str
    amount: Decimal
    reference: str | None = None


def refusals(items: list[Item], payer_wallet_id: str, currency: str,
             recipients: dict[str, str]) -> dict[int, dict[str, list[str]]]:
    """Index -> field -> messages, for every item that cannot be accepted; empty when
    all can. `recipients` maps each recipient wallet that exists to its currency."""
    found: dict[int, dict[str, list[str]]] = {}
    first_of: dict[tuple[str, str | None], int] = {}
    for item in items:
        problem = _recipient_problem(item.recipient_wallet_id, payer_wallet_id, currency, recipients)
        if problem:
            found.setdefault(item.index, {})["recipient_wallet_id"] = [problem]
        same = (item.recipient_wallet_id, item.reference)
        if same in first_of:
            found.setdefault(item.index, {})["reference"] = [
                f"Repeats item {first_of[same]} (same recipient and reference);"
                " give each payment to one recipient a reference of its own"]
        else:
            first_of[same] = item.index
    return found


def _recipient_problem(wallet_id: str, payer_wallet_id: str, currency: str,
                       recipients: dict[str, str]) -> str | None:
    if wallet_id == payer_wallet_id:
        return OWN_WALLET
    if wallet_id not in recipients:
        return UNKNOWN_WALLET
    if recipients[wallet_id] != currency:
        return OTHER_CURRENCY
    return None


def total(items: list[Item]) -> Decimal:
    return sum((item.amount for item in items), Decimal("0.00"))


def item_ids(count: int) -> list[uuid.UUID]:
    """Ids for a payout's item operations that sort in index order: the posting queue
    takes operations accepted together in id order, so index order is posting order.
    Random but for the low 32 bits, which carry the index."""
    base = uuid.uuid4().int & ~0xFFFFFFFF
    return [uuid.UUID(int=base | index) for index in range(count)]


@dataclass(frozen=True)
class Progress:
    """A payout's counters."""

    item_count: int
    completed_count: int = 0
    failed_count: int = 0
    completed_amount: Decimal = Decimal("0.00")

    @property
    def status(self) -> str:
        finished = self.completed_count + self.failed_count
        if finished == 0:
            return QUEUED
        if finished < self.item_count:
            return PROCESSING
        if self.failed_count == 0:
            return COMPLETED
        return FAILED if self.completed_count == 0 else PARTIALLY_COMPLETED

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def after(self, completed: int, failed: int, completed_amount: Decimal) -> "Progress":
        """These counters once `completed` more items posted and `failed` more failed."""
        if self.completed_count + completed + self.failed_count + failed > self.item_count:
            raise ValueError("more items finished than the payout has")
        return Progress(self.item_count, self.completed_count + completed,
                        self.failed_count + failed, self.completed_amount + completed_amount)
