"""The live server: `GET /api/v1/notifications/ws` (WebSocket) and
`GET /api/v1/notifications/stream` (Server-Sent Events), both pushing each committed
notification as `{"event": "notification", "id": <notification_id>, "data": {...}}`
(SSE: `id:`, `event:` and `data:` lines)."""
from __future__ import annotations

import asyncio
import contextlib
import json
import re
import uuid

import redis.asyncio as aioredis
from aiohttp import WSMsgType, web

from domain import errors
from live.hub import Hub
from live.listener import Listener, authenticate
from settings import Settings
from web.auth.identity import bearer_token
from web.envelope import error_body

PREFIX = "/api/v1/notifications"
# A WebSocket client without an Authorization header has this long to send its token.
FIRST_MESSAGE_TIMEOUT_S = 10
# Redis connections shared by all the revocation checks of the process.
REDIS_CONNECTIONS = 50
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,128}$")

SETTINGS = web.AppKey("settings", Settings)
HUB = web.AppKey("hub", Hub)
REDIS = web.AppKey("redis", aioredis.Redis)


def create_app(settings: Settings) -> web.Application:
    app = web.Application()
    app[SETTINGS] = settings
    app[HUB] = Hub(settings.redis_url)
    app.router.add_get(f"{PREFIX}/ws", websocket)
    app.router.add_get(f"{PREFIX}/stream", server_sent_events)
    app.router.add_get("/healthz", health)
    app.cleanup_ctx.append(_background)
    return app


async def _background(app: web.Application):
    # Blocking: a burst of events to many connections waits for a free connection
    # (revocation checks are quick) instead of failing beyond the pool's size.
    pool = aioredis.BlockingConnectionPool.from_url(
        app[SETTINGS].redis_url, decode_responses=True, max_connections=REDIS_CONNECTIONS,
        timeout=5)
    app[REDIS] = aioredis.Redis(connection_pool=pool)
    listening = asyncio.create_task(app[HUB].run())
    yield
    listening.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await listening
    await app[REDIS].aclose(close_connection_pool=True)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "connections": request.app[HUB].connections})


def _request_id(request: web.Request) -> str:
    sent = request.headers.get("X-Request-ID", "")
    return sent if _REQUEST_ID_RE.match(sent) else str(uuid.uuid4())


def _refusal(request: web.Request, error: errors.VaultPayError) -> web.Response:
    return web.json_response(error_body(error, _request_id(request)), status=error.status)


def _message(event: dict) -> dict:
    return {"event": "notification", "id": event["notification_id"], "data": event}


async def _listener(request: web.Request, token: str) -> Listener:
    app = request.app
    user_id, claims = await authenticate(app[SETTINGS], token)
    return Listener(app[SETTINGS], app[HUB], app[REDIS], token, user_id, claims)


# --- Server-Sent Events -------------------------------------------------------------------
async def server_sent_events(request: web.Request) -> web.StreamResponse:
    try:
        listener = await _listener(request, bearer_token(request.headers.get("Authorization", "")))
    except errors.VaultPayError as error:
        return _refusal(request, error)
    response = web.StreamResponse(headers={
        "Content-Type": "text/event-stream", "Cache-Control": "no-cache",
        "X-Accel-Buffering": "no"})  # nginx: pass each event on at once
    await response.prepare(request)
    try:
        await response.write(b"retry: 2000\n\n")
        async for event in listener.events(request.headers.get("Last-Event-ID")):
            await response.write(_sse(event))
    except errors.VaultPayError as error:
        with contextlib.suppress(ConnectionError):
            body = json.dumps(error_body(error, _request_id(request)))
            await response.write(f"event: error\ndata: {body}\n\n".encode())
    except ConnectionError:
        pass  # the client went away
    finally:
        listener.close()
    return response


def _sse(event: dict | None) -> bytes:
    if event is None:
        return b": keep-alive\n\n"
    data = json.dumps(event)
    return f"id: {event['notification_id']}\nevent: notification\ndata: {data}\n\n".encode()


# --- WebSocket ----------------------------------------------------------------------------
async def websocket(request: web.Request) -> web.StreamResponse:
    settings = request.app[SETTINGS]
    since = request.headers.get("Last-Event-ID")
    listener = None
    if "Authorization" in request.headers:
        # Refused before the upgrade, with the API's own error response.
        try:
            listener = await _listener(request, bearer_token(request.headers["Authorization"]))
        except errors.VaultPayError as error:
            return _refusal(request, error)
    ws = web.WebSocketResponse(heartbeat=settings.live_heartbeat_s)
    await ws.prepare(request)
    try:
        if listener is None:
            listener, since = await _first_message(request, ws, since)
        await _pump(ws, listener, since)
    except errors.VaultPayError as error:
        await _close_with(request, ws, error)
    finally:
        if listener is not None:
            listener.close()
    return ws


async def _first_message(request: web.Request, ws: web.WebSocketResponse,
                         since: str | None) -> tuple[Listener, str | None]:
    """`{"token": ..., "since": ...}`: how a browser, which cannot set headers on a
    WebSocket, authenticates."""
    try:
        message = await ws.receive(timeout=FIRST_MESSAGE_TIMEOUT_S)
    except TimeoutError:
        raise errors.TokenMissing() from None
    first = _json_object(message)
    token = first.get("token")
    if not isinstance(token, str) or not token.strip():
        raise errors.TokenMissing()
    listener = await _listener(request, token.strip())
    return listener, _since(first) or since


async def _pump(ws: web.WebSocketResponse, listener: Listener, since: str | None) -> None:
    """Send events while reading the client's messages (closes, `{"since": id}`), until
    either side ends; an error the sender met (a revoked token, a disabled account) is
    raised for the caller to close with.

    The reading loop is stopped before that close, not ended by it: aiohttp's close()
    from another task than a waiting reader drops the connection as soon as the reader
    lets go, without waiting for the client's close frame, so a client still answering
    our close saw the connection reset (1006) instead of 4401/4403."""
    reading = asyncio.create_task(_read_client(ws, listener))
    sending = asyncio.create_task(_send_events(ws, listener, since))
    try:
        await asyncio.wait({reading, sending}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (reading, sending):
            task.cancel()
        await asyncio.gather(reading, sending, return_exceptions=True)
    if sending.done() and not sending.cancelled() and sending.exception() is not None:
        raise sending.exception()


async def _read_client(ws: web.WebSocketResponse, listener: Listener) -> None:
    async for message in ws:
        if message.type == WSMsgType.TEXT:
            asked = _since(_json_object(message))
            if asked:
                listener.request_replay(asked)


async def _send_events(ws: web.WebSocketResponse, listener: Listener, since: str | None) -> None:
    with contextlib.suppress(ConnectionError):
        async for event in listener.events(since):
            if event is not None:
                await ws.send_json(_message(event))


async def _close_with(request: web.Request, ws: web.WebSocketResponse,
                      error: errors.VaultPayError) -> None:
    """The error as a last message, then close code 4000 + the HTTP status the API
    would have answered (4401, 4403, 4503)."""
    with contextlib.suppress(ConnectionError, RuntimeError):
        if not ws.closed:
            await ws.send_json({"event": "error", **error_body(error, _request_id(request))})
        await ws.close(code=4000 + error.status, message=error.error_code.encode())


def _json_object(message) -> dict:
    if message.type != WSMsgType.TEXT:
        return {}
    try:
        value = json.loads(message.data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _since(message: dict) -> str | None:
    since = message.get("since")
    return since if isinstance(since, str) and since else None
