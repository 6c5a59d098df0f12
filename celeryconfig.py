"""Every Celery setting, in one place (read by workers/app.py).

Delivery is at least once; the posting jobs are idempotent, so a redelivered message
is harmless and a lost one is not possible: acks happen after the job, a worker killed
mid-job puts its message back, and the broker's visibility timeout (longer than any
job) returns messages whose worker vanished.
"""
from urllib.parse import urlsplit

import settings as _settings
from workers import names
from workers.broker import is_rabbitmq
from workers.redis_transport import TRANSPORT as REDIS_TRANSPORT

_s = _settings.load()

broker_url = _s.celery_broker_url
# Results are read from PostgreSQL (the operation row), never from Celery.
task_ignore_result = True
result_backend = None

task_serializer = "json"
accept_content = ["json"]
timezone = "UTC"
enable_utc = True

imports = ("workers.tasks", "workers.kyc", "workers.email", "workers.lockouts",
           "workers.webhooks", "workers.reconcile", "workers.holds", "workers.fx")
task_default_queue = _s.celery_queue
task_acks_late = True
task_reject_on_worker_lost = True
worker_prefetch_multiplier = 1
task_soft_time_limit = _s.task_soft_time_limit
task_time_limit = _s.task_time_limit
# One visibility timeout everywhere Celery's Redis transport reads one (its docs: "set
# all of them"); an integer of seconds. settings.py keeps it at least twice the hard
# time limit. RabbitMQ has no visibility timeout: an unacked message returns to the
# queue as soon as its consumer's connection closes.
visibility_timeout = int(_s.visibility_timeout)
result_backend_transport_options = {"visibility_timeout": visibility_timeout}
if is_rabbitmq(broker_url):
    # Celery's documentation for RabbitMQ at-least-once delivery: quorum queues
    # (replicated, durable; the queue's type can only be given when it is declared),
    # so the consumer's prefetch is per consumer (quorum queues refuse global QoS:
    # worker_detect_quorum_queues turns it off), and the publisher waits for the
    # broker's confirm, so a publish that returned is on disk. Countdowns (retries)
    # use native delayed delivery, which needs a topic exchange, not a direct one.
    task_default_queue_type = "quorum"
    task_default_exchange_type = "topic"
    task_create_missing_queue_type = "quorum"
    worker_detect_quorum_queues = True
    broker_transport_options = {"confirm_publish": True}
    # A job running when the broker connection drops can no longer be acked: its
    # message is already back in the queue for another worker. Stop it, as Celery's
    # documentation advises with late acks, rather than finish it twice.
    worker_cancel_long_running_tasks_on_connection_loss = True
else:
    broker_transport_options = {"visibility_timeout": visibility_timeout}
    if urlsplit(broker_url).scheme == "redis":
        # Kombu's Redis transport with one client per channel (workers/redis_transport.py).
        broker_transport = REDIS_TRANSPORT
broker_connection_retry_on_startup = True
worker_send_task_events = True  # Flower shows tasks live
# No "task-sent" event beside every job published: it was a second Redis publish (a
# third of the API's cost of ringing the posting doorbell), and Flower already sees
# every task from the worker's own events (received, started, succeeded, failed).
task_send_sent_event = False

# Each scheduled send first claims its tick in Redis: two beats never send one twice.
beat_scheduler = "workers.beat:GuardedScheduler"
beat_schedule = {
    "sweep-stuck-operations": {
        "task": names.SWEEP_STUCK_OPERATIONS,
        "schedule": _s.sweep_interval_s,
    },
    "reconcile-ledger": {
        "task": names.RECONCILE_LEDGER,
        "schedule": _s.reconcile_interval_s,
    },
    "unfreeze-expired-wallets": {
        "task": names.UNFREEZE_EXPIRED_WALLETS,
        "schedule": _s.unfreeze_interval_s,
    },
    # Holds past their expiry are released within one interval (API.md section 14).
    "expire-holds": {
        "task": names.EXPIRE_HOLDS,
        "schedule": _s.hold_expiry_interval_s,
    },
    # Quotes long past their expiry that paid nothing are deleted (the table would
    # otherwise keep one row per quote ever asked for).
    "purge-fx-quotes": {
        "task": names.PURGE_FX_QUOTES,
        "schedule": _s.fx_quote_purge_interval_s,
    },
    # Deliveries whose retry message was lost (a Redis restart) are re-sent.
    "requeue-webhook-deliveries": {
        "task": names.REQUEUE_WEBHOOK_DELIVERIES,
        "schedule": 60.0,
    },
}
