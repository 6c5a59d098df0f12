"""Thin Celery tasks: ids in, call the job, turn transient failures into retries."""
from __future__ import annotations

import random
import uuid

import redis as redis_lib
from sqlalchemy.exc import DBAPIError, OperationalError

import settings
from db import redis as vp_redis
from workers import outbox, posting
from workers.app import celery
from workers.locks import LockBusy

SETTINGS = settings.load()
_TRANSIENT = (OperationalError, redis_lib.ConnectionError, redis_lib.TimeoutError)


def _post(task, operation_id: str) -> str | None:
    try:
        return posting.post_operation(SETTINGS, vp_redis.client(SETTINGS.redis_url),
                                      uuid.UUID(operation_id))
    except LockBusy as busy:
        # Another job holds a wallet: come back shortly, jittered so they spread out.
        raise task.retry(exc=busy, countdown=random.uniform(0.02, 0.3)) from busy
    except _TRANSIENT as exc:
        backoff = min(2 ** task.request.retries, 30) * random.uniform(0.5, 1)
        raise task.retry(exc=exc, countdown=backoff) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise task.retry(exc=exc, countdown=1) from exc
        raise


# acks_on_timeout=False: a job killed by its hard time limit goes back on the queue at
# once, like one whose worker died (Celery would otherwise ack it, leaving it to the
# sweeper). Redelivery is bounded: posting counts deliveries and dead-letters a job
# past MAX_POSTING_DELIVERIES.
_POSTING = dict(bind=True, max_retries=None, acks_late=True, acks_on_timeout=False)


@celery.task(name="workers.post_transfer", **_POSTING)
def post_transfer(self, operation_id: str):
    return _post(self, operation_id)


@celery.task(name="workers.post_topup", **_POSTING)
def post_topup(self, operation_id: str):
    return _post(self, operation_id)


@celery.task(name="workers.post_withdrawal", **_POSTING)
def post_withdrawal(self, operation_id: str):
    return _post(self, operation_id)


@celery.task(name="workers.post_refund", **_POSTING)
def post_refund(self, operation_id: str):
    return _post(self, operation_id)


@celery.task(name="workers.sweep_stuck_operations")
def sweep_stuck_operations():
    published = outbox.sweep(SETTINGS.database_url, SETTINGS.outbox_grace_s)
    requeued = posting.requeue_stuck(SETTINGS)
    return {"outbox_published": published, "operations_requeued": requeued}
