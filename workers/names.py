"""Every Celery task's name, in one table.

Web and services enqueue by name through the outbox and import nothing else from
workers/; the task definitions take their names from here too. This module imports
nothing, so importing it never loads Celery.
"""
from __future__ import annotations

POST_TRANSFER = "workers.post_transfer"
POST_TOPUP = "workers.post_topup"
POST_WITHDRAWAL = "workers.post_withdrawal"
POST_REFUND = "workers.post_refund"
SWEEP_STUCK_OPERATIONS = "workers.sweep_stuck_operations"
REVIEW_KYC = "workers.review_kyc"
SEND_EMAIL = "workers.send_email"
UNFREEZE_EXPIRED_WALLETS = "workers.unfreeze_expired_wallets"
RECONCILE_LEDGER = "workers.reconcile_ledger"
DELIVER_WEBHOOK = "workers.deliver_webhook"
REQUEUE_WEBHOOK_DELIVERIES = "workers.requeue_webhook_deliveries"
# Holds (API.md section 14): the posting job rung for them, and the beat expiry job.
POST_HOLD = "workers.post_hold"
EXPIRE_HOLDS = "workers.expire_holds"
# FX (API.md section 17): the beat job that forgets quotes long expired and unused.
PURGE_FX_QUOTES = "workers.purge_fx_quotes"

# Which posting job rings for each operation type (they all drain one queue).
POSTING_TASKS = {
    "send": POST_TRANSFER,
    "topup": POST_TOPUP,
    "withdraw": POST_WITHDRAWAL,
    "refund": POST_REFUND,
    "hold": POST_HOLD, "capture": POST_HOLD, "void": POST_HOLD, "expire": POST_HOLD,
    # A payout's items ring once for all of them (services/payouts.py).
    "payout_item": POST_TRANSFER,
}
