"""Kombu's Redis transport, with one Redis client per channel instead of one per
command.

Kombu's Redis channel builds a new `redis.Redis` client object around its connection
pool for every publish and every event it sends (`Channel.conn_or_acquire`), and
redis-py 8 fills a case-insensitive table of about 170 response callbacks in each new
client: measured on the API's send path, two clients per send cost more CPU than the
Redis round trips themselves. The client is only a handle on the channel's pool
(which hands each command a connection of its own and is safe across threads and
forks), so one per channel serves every command the channel makes. Nothing else
changes: the same pool, the same connections, the same commands.

Selected by celeryconfig.py (`broker_transport`) when the broker is Redis.
"""
from __future__ import annotations

import redis as redis_lib
from kombu.transport import redis as kombu_redis


class Channel(kombu_redis.Channel):
    _vp_client = None

    def _create_client(self, asynchronous=False):
        if asynchronous:
            return super()._create_client(asynchronous=True)
        if self._vp_client is None:
            if self._pool is None and self.connection.client is None:
                # Asked after its broker connection closed (a late ack once Redis went
                # away): a connection error, which the worker logs and recovers from,
                # where rebuilding the pool would raise an AttributeError that kills it.
                raise redis_lib.ConnectionError("the broker connection is closed")
            self._vp_client = super()._create_client()
        return self._vp_client

    def close(self):
        # Closing restores the messages delivered but not acknowledged through a client,
        # after kombu has dropped the channel's pools: it must be this one (a handle on
        # the old pool, which reconnects if Redis is back and otherwise raises a
        # connection error that the worker's reconnect ignores). Dropped first, a new
        # client would rebuild the pool from a connection already closed: the worker
        # died of an AttributeError on a Redis restart under chaos.
        try:
            super().close()
        finally:
            self._vp_client = None


class Transport(kombu_redis.Transport):
    Channel = Channel


TRANSPORT = f"{__name__}:Transport"
