"""`Prefer: wait=N` (RFC 7240): hold the response until the operation finishes or N
seconds pass. The worker publishes on a Redis channel when it finishes an operation,
so waiting costs no database polling.

One listener per process (and Redis) hears every "done" channel through one pattern
subscription and wakes the request threads waiting for those operations. A wait costs
no Redis round trip and no connection of its own: a pubsub per request paid a new TCP
connection and its handshake on every send, since redis-py closes a pubsub's
connection when it is done with it.

A new operation's wait needs no database read either: the listener remembers the
"done" channels it heard in the last few seconds, and a request notes, before its
operation commits, that the listener is subscribed. If it stayed subscribed until
the wait registers, the operation's "done" message was either heard already or is
still to come; only otherwise (a replay, a resubscription meanwhile) does the wait
look at the operation's row first.
"""
from __future__ import annotations

import logging
import os
import re
import threading
import time
import uuid
from typing import Callable

import redis as redis_lib

from db import operations
from db.redis import key
from web import context

log = logging.getLogger("vaultpay.web")
# At most 9 digits read: the wait is capped at seconds anyway, and int() of thousands of
# digits raises (Python's digit limit), which was a 500.
_WAIT_RE = re.compile(r"(?:^|[,;\s])wait\s*=\s*(\d{1,9})", re.IGNORECASE)
FINISHED = ("completed", "failed")
_DONE_PATTERN = key("op", "done", "*")
# How long a wait gives the listener to (re)subscribe; a listener that tried and
# failed makes waits return at once (the client polls instead).
_SUBSCRIBE_WAIT_S = 2.0
_RESUBSCRIBE_AFTER_S = 1.0
# How long a heard "done" channel is remembered; a wait registered later than this
# after its request's note looks at the row instead.
_RECENT_S = 10.0


def requested_wait(prefer_header: str | None) -> int:
    """Seconds asked for, capped at the maximum; 0 when absent or unreadable
    (RFC 7240: a preference that cannot be honoured is ignored, not an error)."""
    match = _WAIT_RE.search(prefer_header or "")
    if not match:
        return 0
    return min(int(match.group(1)), context.settings().max_prefer_wait_s)


def listening_since():
    """A note to take before the operation to wait for commits (None if the listener
    is not subscribed now): `wait_until_finished` can then trust what it heard."""
    return _listener(context.settings().redis_url).note()


def wait_until_finished(operation_id: uuid.UUID, seconds: int, since=None) -> None:
    """Return once the operation is final or `seconds` have passed. The request's
    database connection goes back to the pool first: it is not held idle through the
    wait. `since`: `listening_since()`, taken before the operation committed."""
    context.release_connection()
    listener = _listener(context.settings().redis_url)
    if not listener.ready():
        return  # waiting is a courtesy: without Redis the client polls instead
    listener.wait(key("op", "done", operation_id), seconds, lambda: _finished(operation_id),
                  since)


def _finished(operation_id: uuid.UUID) -> bool:
    with context.reads() as session:
        status = operations.status_of(session, operation_id)
    context.release_connection()
    return status in FINISHED


class _Waiter:
    def __init__(self) -> None:
        self.woken = threading.Event()
        self.done = False  # heard its "done" message (else: woken to look again)


class _Listener:
    """A daemon thread holding one pattern subscription to every "done" channel."""

    def __init__(self, redis_url: str) -> None:
        # Its own client: no socket timeout, since a quiet subscription is not a fault.
        # Named, so that an operator (or a test) can tell it apart in CLIENT LIST.
        self._client = redis_lib.Redis.from_url(redis_url, socket_connect_timeout=2,
                                                health_check_interval=30, decode_responses=True,
                                                client_name=listener_name())
        self._lock = threading.Lock()
        self._waiters: dict[str, list[_Waiter]] = {}
        self._recent: dict[str, float] = {}  # channel -> when heard, oldest first
        self._epoch = 0  # changes whenever the subscription is made or lost
        # `subscribed`: listening now. `down`: the last attempt could not subscribe, so
        # a wait would hear nothing; a connection lost while listening is not down
        # until resubscribing fails, so waits meanwhile hold on for a moment.
        self._state = threading.Condition()
        self._subscribed = self._down = False
        threading.Thread(target=self._run, name="vp-wait-listener", daemon=True).start()

    def ready(self) -> bool:
        with self._state:
            self._state.wait_for(lambda: self._subscribed or self._down, _SUBSCRIBE_WAIT_S)
            return self._subscribed

    def note(self) -> tuple[int, float] | None:
        with self._lock:
            return (self._epoch, time.monotonic()) if self._subscribed else None

    def wait(self, channel: str, seconds: float, finished: Callable[[], bool],
             since: tuple[int, float] | None = None) -> None:
        waiter = _Waiter()
        with self._lock:
            heard_everything = (since is not None and since[0] == self._epoch
                                and time.monotonic() - since[1] < _RECENT_S)
            if heard_everything and channel in self._recent:
                return
            self._waiters.setdefault(channel, []).append(waiter)
        try:
            deadline = time.monotonic() + seconds
            # Otherwise looked at after registering, so a finish just before is seen
            # in the row and one just after is heard.
            if not heard_everything and finished():
                return
            while waiter.woken.wait(max(deadline - time.monotonic(), 0)) and not waiter.done:
                waiter.woken.clear()  # woken to look again: a message may have been missed
                if finished():
                    return
        finally:
            with self._lock:
                self._waiters[channel].remove(waiter)
                if not self._waiters[channel]:
                    del self._waiters[channel]

    def _run(self) -> None:
        while True:
            try:
                self._listen()
            except redis_lib.RedisError as exc:
                if not self._down:  # once per outage, not once per attempt
                    log.warning("Prefer: wait listener lost Redis (%s); resubscribing",
                                type(exc).__name__)
            except Exception:  # never let the thread die: waits would go unanswered
                log.exception("Prefer: wait listener failed; resubscribing")
            with self._lock:
                self._epoch += 1
            with self._state:
                was_listening, self._subscribed = self._subscribed, False
                self._down = not was_listening
                self._state.notify_all()
            self._wake_all()  # a "done" message may have been missed: look again
            if not was_listening:  # at once after a lost connection, then calmly
                time.sleep(_RESUBSCRIBE_AFTER_S)

    def _listen(self) -> None:
        pubsub = self._client.pubsub()
        try:
            pubsub.psubscribe(_DONE_PATTERN)
            while True:
                message = pubsub.get_message(timeout=1.0)
                if message is None:
                    continue
                if message["type"] == "psubscribe":
                    with self._lock:
                        self._epoch += 1
                    with self._state:
                        self._subscribed, self._down = True, False
                        self._state.notify_all()
                    self._wake_all()  # anything finished while unsubscribed
                elif message["type"] == "pmessage":
                    self._wake(message["channel"])
        finally:
            pubsub.close()

    def _wake(self, channel: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent[channel] = now
            while now - next(iter(self._recent.values())) > _RECENT_S:
                del self._recent[next(iter(self._recent))]
            for waiter in self._waiters.get(channel, ()):
                waiter.done = True
                waiter.woken.set()

    def _wake_all(self) -> None:
        with self._lock:
            for waiters in self._waiters.values():
                for waiter in waiters:
                    waiter.woken.set()


def listener_name() -> str:
    return f"vp-wait-listener-{os.getpid()}"


_LISTENERS: dict[tuple[int, str], _Listener] = {}
_LISTENERS_LOCK = threading.Lock()


def _listener(redis_url: str) -> _Listener:
    # Keyed by process too: a forked child starts its own thread.
    where = (os.getpid(), redis_url)
    with _LISTENERS_LOCK:
        if where not in _LISTENERS:
            _LISTENERS[where] = _Listener(redis_url)
        return _LISTENERS[where]
