"""Limit checks made before an operation is accepted: the per-user request rate, the
per-transaction limit, and daily or monthly limits already broken by completed
operations. The posting job checks again under the wallet lock (db.limits), which is
what makes concurrent operations safe; these only refuse early what must fail."""
from __future__ import annotations

from decimal import Decimal

from flask import g

from db import limits as stored
from db.models import Wallet
from domain.ledger import SEND, TOPUP, WITHDRAW
from web import context, ratelimit

RATE_WINDOW_S = 60
_RATE_SETTING = {SEND: "send_rate_per_minute", TOPUP: "topup_rate_per_minute",
                 WITHDRAW: "withdraw_rate_per_minute"}


def enforce_request_rate(kind: str) -> None:
    """Per-user request-rate limit of a money call; raises RateLimited."""
    limit = getattr(context.settings(), _RATE_SETTING[kind])
    ratelimit.hit(context.redis(), kind, str(g.user.id), limit, RATE_WINDOW_S)


def check_at_submit(session, wallet: Wallet, kind: str, amount: Decimal) -> None:
    """Per-transaction limit, and daily/monthly limits already visible at submit."""
    zone = stored.business_zone(context.settings().business_timezone)
    stored.enforce(session, wallet.id, kind, amount, zone)
