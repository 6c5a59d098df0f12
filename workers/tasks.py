"""Thin Celery tasks: ids in, call the job. Transient failures become retries in the
base Task (workers/base.py)."""
from __future__ import annotations

import uuid

import settings
from db import redis as vp_redis
from workers import names, outbox, posting
from workers.app import celery
from workers.base import Task

SETTINGS = settings.load()


def _drain(operation_id: str | None) -> int:
    return posting.drain(SETTINGS, vp_redis.client(SETTINGS.redis_url),
                         uuid.UUID(operation_id) if operation_id else None)


# Every posting job drains the one queue of accepted operations (workers/posting.py);
# the names say which kind of operation rang, for Flower and the logs.
# acks_on_timeout=False: a job killed by its hard time limit goes back on the queue at
# once, like one whose worker died (Celery would otherwise ack it, leaving it to the
# sweeper). Redelivery is bounded: claims count deliveries, and an operation past
# MAX_POSTING_DELIVERIES is dead-lettered.
# transactional=False: a drain commits each claimed batch in its own transaction
# (workers/posting.py), so that a long drain never holds one open.
_POSTING = dict(base=Task, transactional=False, acks_late=True, acks_on_timeout=False)


@celery.task(name=names.POST_TRANSFER, **_POSTING)
def post_transfer(operation_id: str | None = None):
    return _drain(operation_id)


@celery.task(name=names.POST_TOPUP, **_POSTING)
def post_topup(operation_id: str | None = None):
    return _drain(operation_id)


@celery.task(name=names.POST_WITHDRAWAL, **_POSTING)
def post_withdrawal(operation_id: str | None = None):
    return _drain(operation_id)


@celery.task(name=names.POST_REFUND, **_POSTING)
def post_refund(operation_id: str | None = None):
    return _drain(operation_id)


@celery.task(name=names.POST_HOLD, **_POSTING)
def post_hold(operation_id: str | None = None):
    return _drain(operation_id)


# Publishing to the broker is not part of any transaction: the sweep reads, then sends.
@celery.task(name=names.SWEEP_STUCK_OPERATIONS, base=Task, transactional=False,
             retry_transient=False)
def sweep_stuck_operations():
    published = outbox.sweep(SETTINGS.database_url, SETTINGS.outbox_grace_s)
    requeued = posting.requeue_stuck(SETTINGS)
    return {"outbox_published": published, "operations_requeued": requeued}
