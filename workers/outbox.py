"""The outbox's relay to the broker: publishing a job that db/outbox.py recorded, once
its transaction committed, and the sweeper's re-publishing of rows left behind.

Installed as the process's publisher by `install()` (web/app.py, workers/app.py):
recording a job (db/outbox.py) needs no import of the task queue.
"""
from __future__ import annotations

import logging

from db import outbox as recorded

log = logging.getLogger("vaultpay.outbox")


def install() -> None:
    recorded.use_publisher(publish_recorded)


def publish(task_name: str, args: list, headers: dict | None = None) -> None:
    """Send the job. A posting job is sent only if none is waiting already
    (workers/doorbell.py): the waiting one will post this operation too."""
    from workers import doorbell
    from workers.app import POSTING_TASK_NAMES, celery

    def send() -> None:
        celery.send_task(task_name, args=args, headers=headers or {})

    if task_name in POSTING_TASK_NAMES:
        doorbell.ring(send)
    else:
        send()


def publish_recorded(database_url: str, outbox_id: int | None, task_name: str, args: list,
                     headers: dict | None = None) -> None:
    """After commit: publish, then forget the row. A failure leaves it for the sweeper
    (written now if the job had none: `publish_after_commit`)."""
    try:
        publish(task_name, args, headers)
    except Exception:  # broker down: the sweeper publishes it once the broker is back
        log.warning("publish deferred to the sweeper: task=%s outbox_id=%s", task_name, outbox_id)
        if outbox_id is None:
            recorded.record_for_the_sweeper(database_url, task_name, args, headers)
        return
    if outbox_id is not None:
        recorded.forget(database_url, outbox_id)


def sweep(database_url: str, grace_s: float, batch: int = 500) -> int:
    """Publish rows left behind (db/outbox.py `publish_due`)."""
    return recorded.publish_due(database_url, grace_s, publish, batch)
