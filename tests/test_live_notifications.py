"""Live notifications (API.md section 18) against the real live process, with real
WebSocket and Server-Sent Events clients (aiohttp's), fed by the real worker."""
from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from datetime import datetime, timedelta, timezone

import aiohttp
import jwt
import pytest
import redis
from sqlalchemy import text

from tests.conftest import ROOT
from tests.support.live import LiveServer, parse_sse

WS, SSE = "/api/v1/notifications/ws", "/api/v1/notifications/stream"
PATIENCE_S = 10  # a deadline that only a lost event misses, not a speed


@pytest.fixture(scope="module")
def live(database_url, tmp_path_factory):
    server = LiveServer(ROOT, tmp_path_factory.mktemp("live") / "live.log", dict(os.environ))
    server.start()
    yield server
    server.stop()


def bearer(caller) -> dict:
    return {"Authorization": f"Bearer {caller.access_token}"}


def sent(api, sender, recipient, amount: str) -> dict:
    response = api.send(sender, recipient, amount, wait=10)
    assert response.status_code == 201 and response.json["data"]["status"] == "completed", response.json
    return response.json["data"]


async def ws_next(ws, timeout_s: float = PATIENCE_S) -> dict:
    message = await ws.receive(timeout=timeout_s)
    assert message.type == aiohttp.WSMsgType.TEXT, message
    return json.loads(message.data)


class SseReader:
    def __init__(self, response):
        self.response, self.buffer, self.ready = response, "", []

    async def next(self, timeout_s: float = PATIENCE_S) -> dict:
        deadline = time.monotonic() + timeout_s
        while not self.ready:
            chunk = await asyncio.wait_for(self.response.content.readany(),
                                           max(deadline - time.monotonic(), 0.01))
            if not chunk:
                raise EOFError("stream ended")
            events, self.buffer = parse_sse(self.buffer + chunk.decode())
            self.ready.extend(events)
        return self.ready.pop(0)


# --- delivery -----------------------------------------------------------------------------
def test_a_websocket_receives_money_received_as_the_posting_commits(live, api, worker):
    alice, bob = api.wallet(funds="500.00"), api.wallet()

    async def scenario():
        async with aiohttp.ClientSession() as http, http.ws_connect(live.url(WS), headers=bearer(bob)) as ws:
            operation = await asyncio.to_thread(sent, api, alice, bob, "42.50")
            message = await ws_next(ws)
            return operation, message

    operation, message = asyncio.run(scenario())
    assert message["event"] == "notification"
    data = message["data"]
    assert data["type"] == "money_received" and message["id"] == data["notification_id"]
    assert data["metadata"]["amount"] == "42.50"
    assert data["metadata"]["operation_id"] == operation["operation_id"]
    listed = api.get("/notifications", bob).json["data"]["items"]
    assert data["notification_id"] in [item["notification_id"] for item in listed]


def test_sse_receives_the_same_event_with_its_id(live, api, worker):
    alice, bob = api.wallet(funds="500.00"), api.wallet()

    async def scenario():
        async with aiohttp.ClientSession() as http, http.get(live.url(SSE), headers=bearer(bob)) as stream:
            assert stream.status == 200
            assert stream.headers["Content-Type"].startswith("text/event-stream")
            await asyncio.to_thread(sent, api, alice, bob, "7.00")
            return await SseReader(stream).next()

    event = asyncio.run(scenario())
    data = json.loads(event["data"])
    assert event["event"] == "notification" and event["id"] == data["notification_id"]
    assert data["type"] == "money_received" and data["metadata"]["amount"] == "7.00"


def test_only_the_addressee_hears_of_a_notification(live, api, worker):
    alice, bob, carol = api.wallet(funds="500.00"), api.wallet(), api.wallet()

    async def scenario():
        async with aiohttp.ClientSession() as http, \
                http.ws_connect(live.url(WS), headers=bearer(carol)) as carols, \
                http.ws_connect(live.url(WS), headers=bearer(bob)) as bobs:
            await asyncio.to_thread(sent, api, alice, bob, "3.00")
            await ws_next(bobs)
            await asyncio.to_thread(sent, api, alice, carol, "4.00")
            return await ws_next(carols)

    assert asyncio.run(scenario())["data"]["metadata"]["amount"] == "4.00"


def test_one_event_reaches_many_connections_at_once(live, api, database_url):
    """More connections than a Redis pool holds all check their token at the same
    moment; each must still get the event."""
    from db.notifications import notify
    from db.session import unit_of_work

    caller, connections = api.user(), 150

    async def scenario():
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            sockets, readers = [], []
            for _ in range(connections):
                sockets.append(await http.ws_connect(live.url(WS), headers=bearer(caller)))
                # Read at once: a socket nobody reads answers no ping, and the server
                # closes it while the others are still being opened on a busy machine.
                readers.append(asyncio.create_task(ws_next(sockets[-1], timeout_s=60)))
            with unit_of_work(database_url) as session:
                notify(session, uuid.UUID(caller.user_id), "kyc_decided", "to all", "of them")
            received = await asyncio.gather(*readers)
            for ws in sockets:
                await ws.close()
            return received

    received = asyncio.run(scenario())
    assert [message["data"]["title"] for message in received] == ["to all"] * connections


# --- replay -------------------------------------------------------------------------------
def test_sse_reconnect_with_last_event_id_replays_what_was_missed(live, api, worker):
    alice, bob = api.wallet(funds="500.00"), api.wallet()

    async def scenario():
        async with aiohttp.ClientSession() as http:
            async with http.get(live.url(SSE), headers=bearer(bob)) as stream:
                await asyncio.to_thread(sent, api, alice, bob, "1.00")
                seen = await SseReader(stream).next()
            for amount in ("2.00", "3.00"):  # while disconnected
                await asyncio.to_thread(sent, api, alice, bob, amount)
            headers = {**bearer(bob), "Last-Event-ID": seen["id"]}
            async with http.get(live.url(SSE), headers=headers) as stream:
                reader = SseReader(stream)
                return [json.loads((await reader.next())["data"]) for _ in range(2)]

    replayed = asyncio.run(scenario())
    assert [event["metadata"]["amount"] for event in replayed] == ["2.00", "3.00"]


def test_websocket_token_and_since_in_the_first_message(live, api, worker):
    alice, bob = api.wallet(funds="500.00"), api.wallet()
    first = sent(api, alice, bob, "5.00")
    sent(api, alice, bob, "6.00")
    first_id = next(item["notification_id"] for item in api.get("/notifications", bob).json["data"]["items"]
                    if item["metadata"]["operation_id"] == first["operation_id"])

    async def scenario():
        async with aiohttp.ClientSession() as http, http.ws_connect(live.url(WS)) as ws:
            await ws.send_json({"token": bob.access_token, "since": first_id})
            return await ws_next(ws)

    assert asyncio.run(scenario())["data"]["metadata"]["amount"] == "6.00"


# --- refusals and closing -----------------------------------------------------------------
def test_a_bad_token_is_refused_before_the_upgrade_with_the_envelope(live):
    async def scenario():
        async with aiohttp.ClientSession() as http:
            async with http.get(live.url(SSE), headers={"Authorization": "Bearer nonsense"}) as sse:
                sse_answer = sse.status, await sse.json()
            async with http.get(live.url(SSE)) as missing:
                missing_answer = missing.status, await missing.json()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(live.url(WS), headers={"Authorization": "Bearer nonsense"})
            return sse_answer, missing_answer, refused.value.status

    (status, body), (missing_status, missing_body), ws_status = asyncio.run(scenario())
    assert (status, body["error_code"], body["success"]) == (401, "TOKEN_INVALID", False)
    assert (missing_status, missing_body["error_code"]) == (401, "TOKEN_MISSING")
    assert ws_status == 401


def test_a_websocket_without_a_token_message_is_closed(live):
    async def scenario():
        async with aiohttp.ClientSession() as http, http.ws_connect(live.url(WS)) as ws:
            await ws.send_json({"since": str(uuid.uuid4())})
            error = await ws_next(ws)
            await ws.receive(timeout=PATIENCE_S)
            return error, ws.close_code

    error, close_code = asyncio.run(scenario())
    assert error["error_code"] == "TOKEN_MISSING" and close_code == 4401


def test_a_revoked_token_closes_the_websocket_and_the_stream(live, api):
    caller = api.user()

    async def scenario():
        async with aiohttp.ClientSession() as http, \
                http.ws_connect(live.url(WS)) as ws, \
                http.get(live.url(SSE), headers=bearer(caller)) as stream:
            await ws.send_json({"token": caller.access_token})
            await _until(lambda: live.connections() >= 2)
            logout = await asyncio.to_thread(api.post, "/auth/logout", caller)
            assert logout.status_code == 200
            error = await ws_next(ws)
            await ws.receive(timeout=PATIENCE_S)
            return error, ws.close_code, await SseReader(stream).next()

    error, close_code, sse_error = asyncio.run(scenario())
    assert error["error_code"] == "TOKEN_REVOKED" and close_code == 4401
    assert sse_error["event"] == "error" and json.loads(sse_error["data"])["error_code"] == "TOKEN_REVOKED"


def test_deactivating_the_user_closes_their_connection(live, api):
    caller, admin = api.user(), api.user(role="admin")

    async def scenario():
        async with aiohttp.ClientSession() as http, \
                http.ws_connect(live.url(WS), headers=bearer(caller)) as ws:
            await _until(lambda: live.connections() >= 1)
            deactivated = await asyncio.to_thread(
                api.post, f"/admin/users/{caller.user_id}/deactivate", admin,
                json={"reason": "closing the account"})
            assert deactivated.status_code == 200, deactivated.json
            error = await ws_next(ws)
            await ws.receive(timeout=PATIENCE_S)
            return error, ws.close_code

    error, close_code = asyncio.run(scenario())
    assert error["error_code"] == "ACCOUNT_DISABLED" and close_code == 4403


def test_logout_and_deactivation_close_connections_at_once_not_at_the_periodic_check(api, tmp_path):
    """The API announces a change of access; the live process does not wait for its
    periodic check (here an hour) to close the user's connections, and leaves the
    other users' alone."""
    server = LiveServer(ROOT, tmp_path / "live.log", dict(os.environ))
    server.env["LIVE_AUTH_CHECK_S"] = "3600"
    server.start()
    logged_out, deactivated, bystander = api.user(), api.user(), api.user()
    admin = api.user(role="admin")

    async def scenario():
        async with aiohttp.ClientSession() as http, \
                http.ws_connect(server.url(WS), headers=bearer(logged_out)) as first, \
                http.ws_connect(server.url(WS), headers=bearer(deactivated)) as second, \
                http.ws_connect(server.url(WS), headers=bearer(bystander)) as third:
            await _until(lambda: server.connections() >= 3)
            logout = await asyncio.to_thread(api.post, "/auth/logout", logged_out)
            assert logout.status_code == 200
            revoked = await ws_next(first)
            await first.receive(timeout=PATIENCE_S)
            closed = await asyncio.to_thread(
                api.post, f"/admin/users/{deactivated.user_id}/deactivate", admin,
                json={"reason": "closing the account"})
            assert closed.status_code == 200, closed.json
            disabled = await ws_next(second)
            await second.receive(timeout=PATIENCE_S)
            await _until(lambda: server.connections() == 1)
            return revoked, first.close_code, disabled, second.close_code, third.closed

    try:
        revoked, first_code, disabled, second_code, third_closed = asyncio.run(scenario())
    finally:
        server.stop()
    assert revoked["error_code"] == "TOKEN_REVOKED" and first_code == 4401
    assert disabled["error_code"] == "ACCOUNT_DISABLED" and second_code == 4403
    assert not third_closed


def test_a_refusal_close_waits_for_the_clients_close_frame(live, api):
    """A closing handshake, not a dropped connection: a client that answers the server's
    close a moment late (a busy event loop) still finds the connection open, so it keeps
    the close code 4401 instead of seeing the connection reset (1006)."""
    caller = api.user()

    async def scenario():
        async with aiohttp.ClientSession() as http, http.ws_connect(
                live.url(WS), headers=bearer(caller), autoclose=False) as ws:
            await _until(lambda: live.connections() >= 1)
            logout = await asyncio.to_thread(api.post, "/auth/logout", caller)
            assert logout.status_code == 200
            error = await ws_next(ws)
            closing = await ws.receive(timeout=PATIENCE_S)
            await asyncio.sleep(0.3)  # the client answers late
            connection = ws._response.connection  # None once the server hung up
            transport = connection.transport if connection is not None else None
            still_open = transport is not None and not transport.is_closing()
            await ws.close()
            return error, closing.type, closing.data, still_open, ws.close_code

    error, kind, code, still_open, close_code = asyncio.run(scenario())
    assert error["error_code"] == "TOKEN_REVOKED"
    assert kind == aiohttp.WSMsgType.CLOSE and code == 4401
    assert still_open, "the server dropped the connection before the client's close frame"
    assert close_code == 4401


def test_an_expiring_token_closes_the_connection_when_it_expires(live, api):
    caller = api.user()
    now = datetime.now(timezone.utc)
    short_lived = jwt.encode({
        "sub": caller.user_id, "email": caller.email, "role": "user", "jti": uuid.uuid4().hex,
        "iat": now, "nbf": now, "exp": now + timedelta(seconds=2), "iss": "vaultpay",
        "aud": "vaultpay-api", "typ": "access"}, os.environ.get("JWT_SECRET_KEY", _dev_secret()),
        algorithm="HS256")

    async def scenario():
        async with aiohttp.ClientSession() as http, http.ws_connect(
                live.url(WS), headers={"Authorization": f"Bearer {short_lived}"}) as ws:
            error = await ws_next(ws)
            await ws.receive(timeout=PATIENCE_S)
            return error, ws.close_code

    error, close_code = asyncio.run(scenario())
    assert error["error_code"] == "TOKEN_EXPIRED" and close_code == 4401


def _dev_secret() -> str:
    from settings import DEV_SECRET

    return DEV_SECRET


async def _until(condition, timeout_s: float = PATIENCE_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not await asyncio.to_thread(condition):
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.05)


# --- the feed publishes committed notifications only ----------------------------------------
def test_a_rolled_back_notification_is_never_published(database_url, api):
    from db.live_feed import CHANNEL
    from db.notifications import notify
    from db.session import unit_of_work

    caller = api.user()
    subscriber = redis.Redis.from_url(os.environ["REDIS_URL"], decode_responses=True).pubsub()
    subscriber.subscribe(CHANNEL)
    with pytest.raises(RuntimeError):
        with unit_of_work(database_url) as session:
            notify(session, uuid.UUID(caller.user_id), "kyc_decided", "rolled back", "never")
            raise RuntimeError("the transaction fails after the notification was written")
    with unit_of_work(database_url) as session:
        notify(session, uuid.UUID(caller.user_id), "kyc_decided", "committed", "kept")
    titles, deadline = [], time.monotonic() + PATIENCE_S
    while "committed" not in titles and time.monotonic() < deadline:
        message = subscriber.get_message(timeout=0.5)
        if message and message["type"] == "message":
            payload = json.loads(message["data"])
            if payload["user_id"] == caller.user_id:
                titles.append(payload["event"]["title"])
    subscriber.close()
    assert titles == ["committed"]


# --- external identity (API.md section 19) on the live process ------------------------------
def test_an_external_token_opens_a_stream_and_its_deactivation_ends_it(database_url, tmp_path):
    from db.notifications import notify
    from db.session import unit_of_work
    from tests.support.issuer import AUDIENCE, ISSUER, Issuer

    with Issuer() as issuer:
        server = LiveServer(ROOT, tmp_path / "live.log", {
            **os.environ, "AUTH_MODE": "both", "EXTERNAL_ISSUER": ISSUER,
            "EXTERNAL_AUDIENCE": AUDIENCE, "EXTERNAL_JWKS_URL": issuer.url("/.well-known/jwks.json")})
        server.start()
        try:
            subject = str(uuid.uuid4())

            async def scenario():
                async with aiohttp.ClientSession() as http, http.ws_connect(server.url(WS)) as ws:
                    await ws.send_json({"token": issuer.token(subject)})
                    await _until(lambda: server.connections() >= 1)
                    with unit_of_work(database_url) as session:
                        user_id = session.execute(
                            text("SELECT id FROM users WHERE external_subject = :s"), {"s": subject}
                        ).scalar_one()
                        notify(session, user_id, "kyc_decided", "for the external user", "hello")
                    event = await ws_next(ws)
                    with unit_of_work(database_url) as session:
                        session.execute(text("UPDATE users SET is_active = false WHERE id = :u"),
                                        {"u": user_id})
                    error = await ws_next(ws)
                    await ws.receive(timeout=PATIENCE_S)
                    return event, error, ws.close_code

            event, error, close_code = asyncio.run(scenario())
        finally:
            server.stop()
    assert event["data"]["title"] == "for the external user"
    assert error["error_code"] == "ACCOUNT_DISABLED" and close_code == 4403
