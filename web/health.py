"""Liveness and readiness, outside /api/v1."""
from __future__ import annotations

from db import probes
from domain import errors
from web import context
from web.envelope import ok, render_error
from workers import broker


def healthz():
    return ok({"status": "alive"}, "alive")


def readyz():
    checks = {"database": _check_database, "redis": _check_redis, "broker": _check_broker}
    results = {name: _passes(check) for name, check in checks.items()}
    if all(results.values()):
        return ok(results, "ready")
    return render_error(errors.ServiceUnavailable(details=results))


def _passes(check) -> bool:
    try:
        check()
        return True
    except Exception:  # any failure means "not ready"; the detail is in the body
        return False


def _check_database() -> None:
    with context.uow() as session:
        probes.ping(session)


def _check_redis() -> None:
    context.redis().ping()


def _check_broker() -> None:
    broker.ping(context.settings().celery_broker_url)
