"""The Celery application. Settings live in celeryconfig.py."""
import logging
import math

from celery import Celery, signals
from celery.signals import worker_ready

import logs
import settings as settings_module
import tracing
from workers import broker, metrics, names


class _Celery(Celery):
    def send_task(self, name, args=None, kwargs=None, countdown=None, **options):
        # RabbitMQ's native delayed delivery counts whole seconds, and Celery refuses a
        # countdown under one ("countdown must be a positive number") by rejecting the
        # retrying message for good: round every delay up to a whole second there.
        if countdown and countdown > 0 and broker.is_rabbitmq(self.conf.broker_url or ""):
            countdown = max(1, math.ceil(countdown))
        return super().send_task(name, args, kwargs, countdown=countdown, **options)


celery = _Celery("vaultpay")
celery.config_from_object("celeryconfig")


def _install_job_publisher() -> None:
    # Jobs recorded in a worker (db/outbox.py) are published through this app.
    from workers import outbox

    outbox.install()


_install_job_publisher()

# Task names by operation type (workers/names.py): the API enqueues by name, so web/
# never imports tasks.
POSTING_TASKS = names.POSTING_TASKS


@worker_ready.connect
def _warn_if_redis_may_evict(**_) -> None:
    # Reported once the worker is up; Redis being down here is not fatal.
    import settings
    from db import redis as vp_redis

    s = settings.load()
    vp_redis.warn_if_evicting(broker.redis_urls(s.redis_url, s.celery_broker_url),
                              logging.getLogger("vaultpay.worker"))


POSTING_TASK_NAMES = frozenset(POSTING_TASKS.values())


# --- logs and metrics (docs/observability.md) ------------------------------------------


@signals.setup_logging.connect
def _log_as_json(loglevel=None, **_) -> None:
    # Connected at all, this replaces Celery's own logging set-up (worker and beat).
    # billiard's logger ("multiprocessing": a pool process died, and how) stays
    # detached from the root, as Celery leaves it.
    logs.configure(loglevel or logging.INFO, detached=("multiprocessing",))


@signals.before_task_publish.connect
def _carry_request_id(headers=None, **_) -> None:
    # A job started while serving a request (or running a task) carries its request id.
    current = logs.request_id.get()
    if headers is not None and current and not headers.get("request_id"):
        headers["request_id"] = current


@signals.task_prerun.connect
def _bind_task_context(task_id=None, task=None, args=None, **_) -> None:
    posting = task is not None and task.name in POSTING_TASK_NAMES and args
    logs.bind(request_id=task.request.get("request_id") if task else None, task_id=task_id,
              operation_id=args[0] if posting else None)


@signals.task_postrun.connect
def _clear_task_context(**_) -> None:
    logs.clear()


# Tracing (tracing.py), off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: started in each
# pool process after the fork (its exporter runs a thread), and in beat.
@signals.worker_process_init.connect
def _trace_pool_process(**_) -> None:
    tracing.init("vaultpay-worker")


@signals.beat_init.connect
def _trace_beat(**_) -> None:
    tracing.init("vaultpay-beat")


@signals.worker_process_shutdown.connect
def _flush_spans(**_) -> None:
    tracing.flush()


@signals.worker_init.connect
def _serve_metrics(**_) -> None:
    metrics.serve(settings_module.load().worker_metrics_port)
