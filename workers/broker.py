"""The Celery broker, whichever it is: Redis or RabbitMQ (docs/scaling.md).

Everything outside Celery that talks to the broker (readiness, metrics, the doctor,
the eviction warning) asks here, so that no caller assumes the broker is a Redis.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from kombu import Connection

RABBITMQ_SCHEMES = frozenset({"amqp", "amqps", "pyamqp"})
# Celery's Redis transport keeps a queue's priorities in lists of their own.
REDIS_PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")
TIMEOUT_S = 3


def is_rabbitmq(url: str) -> bool:
    return urlsplit(url).scheme in RABBITMQ_SCHEMES


def redis_urls(*urls: str) -> tuple[str, ...]:
    """The Redis URLs among `urls` (the broker is one only when it is not RabbitMQ)."""
    return tuple(url for url in urls if not is_rabbitmq(url))


def ping(url: str) -> None:
    """Raise unless the broker answers."""
    if not is_rabbitmq(url):
        from db import redis as vp_redis

        vp_redis.client(url).ping()
        return
    with Connection(url, connect_timeout=TIMEOUT_S) as conn:
        conn.ensure_connection(max_retries=1, timeout=TIMEOUT_S)


def queue_depth(url: str, queue: str) -> int:
    """Messages waiting in `queue`, not yet taken by a worker."""
    if not is_rabbitmq(url):
        from db import redis as vp_redis

        client = vp_redis.client(url)
        with client.pipeline(transaction=False) as pipe:
            for suffix in REDIS_PRIORITY_SUFFIXES:
                pipe.llen(queue + suffix)
            return sum(pipe.execute())
    with Connection(url, connect_timeout=TIMEOUT_S) as conn:
        conn.ensure_connection(max_retries=1, timeout=TIMEOUT_S)
        # passive: read the queue's count without declaring (or re-typing) it; a queue
        # no worker has declared yet holds nothing.
        try:
            return conn.default_channel.queue_declare(queue, passive=True).message_count
        except conn.channel_errors:
            return 0
