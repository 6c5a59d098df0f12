"""The Celery application. Settings live in celeryconfig.py."""
from celery import Celery

celery = Celery("vaultpay")
celery.config_from_object("celeryconfig")

# Task names by operation type: the API enqueues by name, so web/ never imports tasks.
POSTING_TASKS = {
    "send": "workers.post_transfer",
    "topup": "workers.post_topup",
    "withdraw": "workers.post_withdrawal",
    "refund": "workers.post_refund",
}
