"""One live connection's life: who it is for, what it replays, when it must end.

The token is checked when the connection opens, again as soon as the API announces a
change of the user's access (a logout, a revoked session family, a deactivation: the
hub's RECHECK), at its expiry, for revocation before each event, and, as a safety net
for changes made outside the API, every LIVE_AUTH_CHECK_S (revoked, user deactivated):
a token that no longer works ends the stream with the error the API would have
answered. The first periodic check of each connection falls at a random point of its
first interval, so connections opened together do not all check at the same moment.
"""
from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import OrderedDict
from functools import partial
from typing import AsyncIterator

import redis
import redis.asyncio as aioredis

from db import live_feed, notifications
from db.redis import client as redis_client
from db.session import unit_of_work
from db.transient import DatabaseError
from domain import errors
from live.hub import OVERFLOW, RECHECK, REPLAY, Hub
from settings import Settings
from web.auth import revocation
from web.auth.identity import identify

_REMEMBERED = 2000  # ids already sent, so that a replay racing the feed repeats nothing


async def authenticate(settings: Settings, token: str) -> tuple[str, dict]:
    """(user id, claims) of a token, or the API's 401/403/503 error."""
    scope = partial(unit_of_work, settings.database_url)
    try:
        user, claims = await asyncio.to_thread(
            identify, settings, redis_client(settings.redis_url), token,
            confirm=False, reads=scope, uow=scope)
    except (DatabaseError, redis.RedisError) as exc:
        raise errors.ServiceUnavailable() from exc
    return str(user.id), claims


class Listener:
    def __init__(self, settings: Settings, hub: Hub, async_redis: aioredis.Redis,
                 token: str, user_id: str, claims: dict):
        self.settings, self.hub, self.async_redis = settings, hub, async_redis
        self.token, self.user_id, self.claims = token, user_id, claims
        self.subscription = hub.join(user_id)
        self._sent: OrderedDict[str, None] = OrderedDict()
        self._last_id: str | None = None

    def close(self) -> None:
        self.hub.leave(self.subscription)

    def request_replay(self, since: str | None) -> None:
        self.subscription.offer((REPLAY, since))

    async def events(self, since: str | None) -> AsyncIterator[dict | None]:
        """Events to send, None for a heartbeat; raises a VaultPayError when the
        token stops working."""
        interval = self.settings.live_auth_check_s
        next_check = time.monotonic() + interval * random.uniform(0.5, 1.0)
        if since:
            for event in await self._replay(since):
                yield event
        while True:
            item = await self._next(next_check)
            if item == RECHECK or time.monotonic() >= next_check:
                self.user_id, self.claims = await authenticate(self.settings, self.token)
                next_check = time.monotonic() + interval
                if item == RECHECK:
                    continue
            self._check_expiry()
            if item is None:
                yield None
            elif item == OVERFLOW:
                raise errors.ServiceUnavailable("Too many events queued; reconnect with Last-Event-ID")
            elif isinstance(item, tuple) and item[0] == REPLAY:
                for event in await self._replay(item[1] or self._last_id):
                    yield event
            else:
                await self._check_revoked()
                if self._fresh(item):
                    yield item

    async def _next(self, next_check: float):
        timeout = min(self.settings.live_heartbeat_s, max(next_check - time.monotonic(), 0),
                      max(self._seconds_left(), 0))
        try:
            return await asyncio.wait_for(self.subscription.queue.get(), timeout)
        except TimeoutError:
            return None

    async def _replay(self, since: str | None) -> list[dict]:
        try:
            after = uuid.UUID(str(since))
        except ValueError:
            return []
        try:
            rows = await asyncio.to_thread(self._read_since, after)
        except DatabaseError as exc:
            raise errors.ServiceUnavailable() from exc
        return [event for event in map(live_feed.as_event, rows) if self._fresh(event)]

    def _read_since(self, after: uuid.UUID) -> list:
        with unit_of_work(self.settings.database_url) as session:
            return notifications.replay(session, uuid.UUID(self.user_id), after,
                                        overlap_s=self.settings.live_replay_overlap_s,
                                        limit=self.settings.live_replay_limit)

    def _fresh(self, event: dict) -> bool:
        """Not sent on this connection yet (and now remembered as sent)."""
        event_id = event["notification_id"]
        if event_id in self._sent:
            return False
        self._sent[event_id] = None
        if len(self._sent) > _REMEMBERED:
            self._sent.popitem(last=False)
        self._last_id = event_id
        return True

    def _seconds_left(self) -> float:
        return float(self.claims["exp"]) - time.time()

    def _check_expiry(self) -> None:
        if self._seconds_left() <= 0:
            raise errors.TokenExpired()

    async def _check_revoked(self) -> None:
        try:
            revoked = any(await self.async_redis.mget(revocation.revocation_keys(self.claims)))
        except redis.RedisError as exc:
            # Unable to tell: the connection ends (its client reconnects and replays)
            # rather than deliver to a token that may have been revoked.
            raise errors.ServiceUnavailable() from exc
        if revoked:
            raise errors.TokenRevoked()
