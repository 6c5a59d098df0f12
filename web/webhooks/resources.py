"""Webhooks: register an endpoint (its signing secret is shown once), list, delete."""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import webhooks
from db.models import WebhookEndpoint
from domain.webhooks import check_url, new_secret
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import PageArgs, envelope, page_of
from web.webhooks.schemas import CreatedWebhookSchema, CreateWebhookSchema, WebhookSchema

blp = Blueprint("webhooks", __name__, url_prefix="/webhooks",
                description="Have operation results and other events pushed to your URL, signed")

_NOT_FOUND = "WEBHOOK_NOT_FOUND (also another user's webhook, or a malformed id)"


@blp.route("")
class WebhookList(MethodView):
    @requires("user")
    @blp.arguments(CreateWebhookSchema)
    @blp.response(201, envelope(CreatedWebhookSchema))
    @blp.alt_response(409, description="WEBHOOK_LIMIT_REACHED")
    @blp.alt_response(422, description="VALIDATION_ERROR: an unknown event, or a URL that is not "
                                       "https or does not resolve to public addresses only")
    def post(self, body: dict):
        """Register a webhook endpoint (its signing secret is shown only here)

        Deliveries are POSTed as `{id, type, created_at, data}` with the header
        `VaultPay-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`; a
        non-2xx answer (or none within a few seconds) is retried with exponential
        backoff for up to 24 hours. Redirects are not followed.
        """
        settings = context.settings()
        check_url(body["url"], settings.webhook_allowed_hosts)
        secret = new_secret()
        events = list(dict.fromkeys(body["events"]))
        with context.uow() as session:
            endpoint = webhooks.create_endpoint(session, g.user.id, body["url"], events, secret,
                                                webhooks.sealing_key(settings))
            created = {**webhook_view(endpoint), "secret": secret}
        return ok(created, "Webhook registered: store the secret now, it is not shown again")

    @requires("user")
    @blp.arguments(PageArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(WebhookSchema, many_page=True))
    def get(self, page: int, per_page: int):
        """List your webhook endpoints (secrets are never shown again)"""
        with context.uow() as session:
            rows, total = webhooks.page_of_user(session, g.user.id, page, per_page)
            items = [webhook_view(row) for row in rows]
        return ok(page_of(items, page, per_page, total), "Webhooks")


@blp.route("/<webhook_id>")
class WebhookDetail(MethodView):
    @requires("user")
    @blp.response(200, envelope(WebhookSchema))
    @blp.alt_response(404, description=_NOT_FOUND)
    def delete(self, webhook_id: str):
        """Delete one of your webhook endpoints (pending deliveries to it are cancelled)"""
        with context.uow() as session:
            endpoint = webhooks.own_endpoint(session, g.user.id, webhook_id, for_update=True)
            webhooks.deactivate(session, endpoint)
            return ok(webhook_view(endpoint), "Webhook deleted")


def webhook_view(endpoint: WebhookEndpoint) -> dict:
    return {"webhook_id": endpoint.id, "url": endpoint.url, "events": endpoint.events,
            "created_at": endpoint.created_at}
