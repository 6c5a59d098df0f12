"""What a hold operation announces once it completed (API.md section 14), written in
the posting transaction with every other announcement (services/events.py): a
notification to both the payer and the payee, and the `hold.created`,
`hold.captured`, `hold.voided` or `hold.expired` webhook event to each of them."""
from __future__ import annotations

import uuid
from typing import Callable

from sqlalchemy.orm import Session

from db import holds
from db.notifications import notice
from domain.holds import Hold
from domain.ledger import CAPTURE, EXPIRE, HOLD, VOID
from domain.money import format_amount
from domain.webhooks import HOLD_CAPTURED, HOLD_CREATED, HOLD_EXPIRED, HOLD_VOIDED

EVENT_OF = {HOLD: HOLD_CREATED, CAPTURE: HOLD_CAPTURED, VOID: HOLD_VOIDED, EXPIRE: HOLD_EXPIRED}
NOTIFICATION_OF = {HOLD: "hold_created", CAPTURE: "hold_captured", VOID: "hold_voided",
                   EXPIRE: "hold_expired"}


def notices(outcome) -> list[dict]:
    """One notification to each party of the hold a completed operation placed or
    decided (`outcome`: a domain.posting.Outcome with its `hold`)."""
    hold: Hold = outcome.hold
    payer_user, payee_user = outcome.hold_parties
    held = _money(hold.amount, hold.currency)
    payer, payee = hold.payer_wallet_id, hold.payee_wallet_id
    if outcome.type == HOLD:
        until = hold.expires_at.strftime("%Y-%m-%d %H:%M UTC")
        texts = (("Hold placed", f"{held} is reserved for wallet {payee} until {until}."),
                 ("Hold received", f"Wallet {payer} reserved {held} for you; capture it"
                                   f" before {until}."))
    elif outcome.type == CAPTURE:
        taken = _money(hold.captured_amount, hold.currency)
        texts = (("Hold captured", f"Wallet {payee} captured {taken} of your hold of {held};"
                                   " the rest is available to you again."),
                 ("Hold captured", f"You captured {taken} of the hold of {held} from wallet"
                                   f" {payer}."))
    elif outcome.type == VOID:
        texts = (("Hold released", f"Your hold of {held} for wallet {payee} was voided; the"
                                   " money is available to you again."),
                 ("Hold voided", f"The hold of {held} from wallet {payer} was voided."))
    else:
        texts = (("Hold expired", f"Your hold of {held} for wallet {payee} expired uncaptured;"
                                  " the money is available to you again."),
                 ("Hold expired", f"The hold of {held} from wallet {payer} expired before it"
                                  " was captured."))
    metadata = {"hold_id": str(hold.id), "operation_id": str(outcome.id), "status": hold.status,
                "amount": format_amount(hold.amount),
                "captured_amount": format_amount(hold.captured_amount),
                "currency": hold.currency}
    kind = NOTIFICATION_OF[outcome.type]
    return [notice(user, kind, title, body, metadata)
            for user, (title, body) in zip((payer_user, payee_user), texts, strict=True)]


def announcements(session: Session, outcome) -> list[tuple[uuid.UUID, str, Callable[[], dict]]]:
    """The hold's webhook event to each party; its data (the hold object of GET
    /holds/{hold_id} and the operation that changed it) is read only if someone
    subscribed."""
    def data() -> dict:
        return {**holds.as_view(holds.by_id(session, outcome.hold.id)),
                "operation_id": outcome.id}

    event = EVENT_OF[outcome.type]
    return [(user, event, data) for user in dict.fromkeys(outcome.hold_parties)]


def _money(amount, currency: str) -> str:
    return f"{format_amount(amount)} {currency}"
