"""One Redis client per URL, and the key names (all under `vp:`)."""
from __future__ import annotations

from functools import lru_cache

import redis

PREFIX = "vp:"


@lru_cache(maxsize=None)
def client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2,
                                health_check_interval=30, decode_responses=True)


def key(*parts: object) -> str:
    return PREFIX + ":".join(str(part) for part in parts)
