"""The Flask application factory."""
from __future__ import annotations

import logging

from flask import Flask, g
from flask_smorest import Api
from werkzeug.middleware.proxy_fix import ProxyFix

import logs
import settings as settings_module
import tracing
from web import console, context, cors, input_guard, metrics
from web.envelope import register_error_handlers
from web.fields import ErrorEnvelopeSchema
from web.openapi import (
    SWAGGER_UI_ASSETS,
    SWAGGER_UI_CONFIG,
    ErrorResponsesPlugin,
    document_plain_routes,
    serve_swagger_ui_assets,
)

API_PREFIX = "/api/v1"


def create_app(test_config: dict | None = None) -> Flask:
    settings = settings_module.load().with_overrides(**(test_config or {}))
    app = Flask(__name__)
    app.json = input_guard.StrictJSONProvider(app)
    app.config.update(
        SETTINGS=settings,
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=64 * 1024,
        API_TITLE="VaultPay",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="api/v1/openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        # Served from the pinned package, never a CDN: /docs works offline.
        OPENAPI_SWAGGER_UI_URL=SWAGGER_UI_ASSETS,
        OPENAPI_SWAGGER_UI_CONFIG=SWAGGER_UI_CONFIG,
    )
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)
    _configure_logging()
    _install_job_publisher()
    tracing.init("vaultpay-api")  # off unless OTEL_EXPORTER_OTLP_ENDPOINT is set

    api = VaultPayApi(app, spec_kwargs={"extra_plugins": [ErrorResponsesPlugin()]})
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )
    for blueprint in _blueprints():
        api.register_blueprint(blueprint, url_prefix=API_PREFIX + blueprint.url_prefix)
    register_error_handlers(app)  # after Api(), whose own HTTP error handler it replaces
    tracing.instrument_flask(app)

    app.before_request(context.assign_request_id)
    metrics.init_app(app)  # after the request id: its log lines carry it
    # After the two above, so that a refused path or query is still counted and logged.
    app.before_request(input_guard.refuse_unstorable_path_and_query)
    app.after_request(_echo_request_id)
    cors.init_app(app, settings.cors_origins)
    app.teardown_appcontext(context.release_connection)  # requests and CLI commands alike
    _register_health(app)
    serve_swagger_ui_assets(app)
    console.init_app(app)  # HTML pages under /console, outside the OpenAPI document
    _register_cli(app)
    _warn_if_redis_may_evict(settings)
    # Last, so that every plain route registered above (health, metrics) is documented.
    document_plain_routes(api.spec, app)
    return app


class VaultPayApi(Api):
    # The OpenAPI document's default error response is our envelope, not smorest's.
    ERROR_SCHEMA = ErrorEnvelopeSchema


def _blueprints():
    from web.admin.console import blp as admin_console
    from web.admin.oversight import blp as admin_oversight
    from web.admin.resources import blp as admin
    from web.auth.resources import blp as auth
    from web.disputes.admin import blp as admin_disputes
    from web.disputes.resources import blp as disputes
    from web.fx.resources import admin_blp as admin_fx
    from web.fx.resources import blp as fx
    from web.holds.resources import blp as holds
    from web.ip_trust.resources import blp as ip_trust
    from web.kyc.admin import blp as admin_kyc
    from web.kyc.resources import blp as kyc
    from web.limits.admin import blp as admin_limits
    from web.limits.resources import blp as limits
    from web.notifications.resources import blp as notifications
    from web.operations.resources import blp as operations
    from web.payouts.resources import blp as payouts
    from web.pin.resources import blp as pin
    from web.transactions.resources import blp as transactions
    from web.wallets.resources import blp as wallets
    from web.webhooks.resources import blp as webhooks

    return [auth, wallets, pin, transactions, operations, payouts, kyc, limits, ip_trust,
            notifications, disputes, webhooks, fx, holds,
            admin, admin_console, admin_oversight, admin_kyc, admin_limits, admin_disputes,
            admin_fx]


def _echo_request_id(response):
    if "request_id" in g:
        response.headers["X-Request-ID"] = g.request_id
    return response


def _register_health(app: Flask) -> None:
    from web.health import healthz, readyz

    app.add_url_rule("/healthz", view_func=healthz)
    app.add_url_rule("/readyz", view_func=readyz)


def _install_job_publisher() -> None:
    # The composition root wires the outbox (db/outbox.py) to the broker, so views and
    # services record jobs without importing the task queue.
    from workers import outbox

    outbox.install()


def _warn_if_redis_may_evict(settings) -> None:
    # At start only, and never fatal: Redis may well be down while the app starts.
    from db import redis as vp_redis
    from workers import broker

    vp_redis.warn_if_evicting(broker.redis_urls(settings.redis_url, settings.celery_broker_url),
                              logging.getLogger("vaultpay.web"))


def _register_cli(app: Flask) -> None:
    from web.cli import register

    register(app)


def _configure_logging() -> None:
    # Our own lines at INFO, everything else at the root's level, all as JSON.
    logs.configure(app_level=logging.INFO)
