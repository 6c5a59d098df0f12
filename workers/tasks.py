"""Thin Celery tasks: ids in, call the job, turn transient failures into retries."""
from __future__ import annotations

import random
import uuid

from sqlalchemy.exc import DBAPIError

import settings
from db import redis as vp_redis
from db.transient import TRANSIENT
from workers import outbox, posting
from workers.app import celery

SETTINGS = settings.load()


def _drain(task, operation_id: str | None) -> int:
    try:
        return posting.drain(SETTINGS, vp_redis.client(SETTINGS.redis_url),
                             uuid.UUID(operation_id) if operation_id else None)
    except TRANSIENT as exc:
        backoff = min(2 ** task.request.retries, 30) * random.uniform(0.5, 1)
        raise task.retry(exc=exc, countdown=backoff) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise task.retry(exc=exc, countdown=1) from exc
        raise


# Every posting job drains the one queue of accepted operations (workers/posting.py);
# the names say which kind of operation rang, for Flower and the logs.
# acks_on_timeout=False: a job killed by its hard time limit goes back on the queue at
# once, like one whose worker died (Celery would otherwise ack it, leaving it to the
# sweeper). Redelivery is bounded: claims count deliveries, and an operation past
# MAX_POSTING_DELIVERIES is dead-lettered.
_POSTING = dict(bind=True, max_retries=None, acks_late=True, acks_on_timeout=False)


@celery.task(name="workers.post_transfer", **_POSTING)
def post_transfer(self, operation_id: str | None = None):
    return _drain(self, operation_id)


@celery.task(name="workers.post_topup", **_POSTING)
def post_topup(self, operation_id: str | None = None):
    return _drain(self, operation_id)


@celery.task(name="workers.post_withdrawal", **_POSTING)
def post_withdrawal(self, operation_id: str | None = None):
    return _drain(self, operation_id)


@celery.task(name="workers.post_refund", **_POSTING)
def post_refund(self, operation_id: str | None = None):
    return _drain(self, operation_id)


@celery.task(name="workers.sweep_stuck_operations")
def sweep_stuck_operations():
    published = outbox.sweep(SETTINGS.database_url, SETTINGS.outbox_grace_s)
    requeued = posting.requeue_stuck(SETTINGS)
    return {"outbox_published": published, "operations_requeued": requeued}
