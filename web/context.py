"""What a request needs from the app: settings, a unit of work, Redis, the caller."""
from __future__ import annotations

import re
import uuid

import redis as redis_lib
from flask import current_app, g, request

import settings as settings_module
from db import redis as vp_redis
from db.session import unit_of_work

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def settings() -> settings_module.Settings:
    return current_app.config["SETTINGS"]


def uow():
    return unit_of_work(settings().database_url)


def redis() -> redis_lib.Redis:
    return vp_redis.client(settings().redis_url)


def assign_request_id() -> None:
    sent = request.headers.get("X-Request-ID", "")
    g.request_id = sent if _REQUEST_ID_RE.match(sent) else str(uuid.uuid4())


def client_ip() -> str:
    # ProxyFix (configured with the number of trusted proxies) has already replaced
    # remote_addr when X-Forwarded-For may be believed.
    return request.remote_addr or "unknown"


def actor():
    """The caller as an audit actor (call inside an authenticated request)."""
    from db.audit import Actor

    return Actor(user_id=g.user.id, role=g.user.role, request_id=g.get("request_id"),
                 ip_address=client_ip())
