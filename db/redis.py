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


def eviction_warning(r: redis.Redis) -> str | None:
    """Why this Redis may lose our data, or None when it will not (or cannot be asked).

    Under any policy but `noeviction` a full Redis silently drops keys: queued jobs,
    wallet locks and revoked tokens would vanish. Redis being down, or CONFIG being
    disabled (managed services), is not this check's business: it says nothing then.
    """
    try:
        policy = r.config_get("maxmemory-policy").get("maxmemory-policy")
    except redis.RedisError:
        return None
    if policy in (None, "noeviction"):
        return None
    return (f"Redis maxmemory-policy is {policy!r}, not 'noeviction': under memory "
            "pressure it may drop queued jobs, locks and token revocations")


def warn_if_evicting(urls, logger) -> None:
    """One WARNING line per Redis (of `urls`) whose eviction policy may drop keys."""
    for url in dict.fromkeys(urls):
        warning = eviction_warning(client(url))
        if warning:
            logger.warning("%s (%s)", warning, _without_password(url))


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    _, at, host = rest.rpartition("@")
    return f"{scheme}{sep}{host}" if at else url
