"""One Redis subscription per process, fanned out to the connections of each user.

Two channels: the notifications, and the ids of users whose access changed (a logout,
a revoked session family, a deactivation: db/live_feed.py), which tells only that
user's connections to check their token again, at once. An idle connection costs
nothing between events: no per-connection polling of Redis or the database.

A connection that cannot keep up (its queue full) is told to go: its client reconnects
with Last-Event-ID and misses nothing, while the others are never held up by it.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

import redis.asyncio as aioredis

from db.live_feed import AUTH_CHANNEL, CHANNEL

log = logging.getLogger("vaultpay.live")

QUEUE_SIZE = 1000
# What a queue carries besides events: a request to replay, an order to go, and a
# request to check the token again (the user's access changed).
REPLAY, OVERFLOW, RECHECK = "replay", "overflow", "recheck"


class Subscription:
    def __init__(self, user_id: str):
        self.user_id = user_id
        self.queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_SIZE)

    def offer(self, item) -> None:
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self._make_room_for(OVERFLOW)

    def _make_room_for(self, item) -> None:
        try:
            self.queue.get_nowait()
        except asyncio.QueueEmpty:
            pass
        self.queue.put_nowait(item)


class Hub:
    def __init__(self, redis_url: str):
        self.redis_url = redis_url
        self._by_user: dict[str, set[Subscription]] = defaultdict(set)

    @property
    def connections(self) -> int:
        return sum(len(each) for each in self._by_user.values())

    def join(self, user_id: str) -> Subscription:
        subscription = Subscription(user_id)
        self._by_user[user_id].add(subscription)
        return subscription

    def leave(self, subscription: Subscription) -> None:
        members = self._by_user.get(subscription.user_id)
        if members is not None:
            members.discard(subscription)
            if not members:
                del self._by_user[subscription.user_id]

    async def run(self) -> None:
        """Listen for ever; after a lost Redis connection, subscribe again and have
        every connection replay what it may have missed meanwhile."""
        while True:
            client = aioredis.from_url(self.redis_url, decode_responses=True)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL, AUTH_CHANNEL)
                    self._resync_all()
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        if message.get("channel") == AUTH_CHANNEL:
                            self._recheck(message["data"])
                        else:
                            self._dispatch(message["data"])
            except (aioredis.RedisError, OSError) as exc:
                log.warning("live feed subscription lost (%s); retrying", type(exc).__name__)
                await asyncio.sleep(1)
            finally:
                await client.aclose()

    def _dispatch(self, raw: str) -> None:
        try:
            message = json.loads(raw)
            members = self._by_user.get(message["user_id"], ())
        except (ValueError, KeyError, TypeError):
            log.warning("live feed message not understood; ignored")
            return
        for subscription in list(members):
            subscription.offer(message["event"])

    def _recheck(self, raw: str) -> None:
        try:
            members = self._by_user.get(json.loads(raw)["user_id"], ())
        except (ValueError, KeyError, TypeError):
            log.warning("live auth message not understood; ignored")
            return
        for subscription in list(members):
            subscription.offer(RECHECK)

    def _resync_all(self) -> None:
        # Anything may have been missed while unsubscribed: events (replayed) and
        # changes of access (every connection checks its token again).
        for members in self._by_user.values():
            for subscription in members:
                subscription.offer((REPLAY, None))
                subscription.offer(RECHECK)
