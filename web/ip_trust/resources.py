"""IP trust: confirm a new network with the emailed code, list and revoke trusted IPs.

IPs are stored only as keyed hashes and shown only masked (`***` and the last 8 hex
digits of the hash); the IP a request comes from is `web.context.client_ip()`.
"""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import ip_trust as trusted_ips
from db.models import TrustedIp
from domain.ip_trust import mask
from services import ip_trust
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import PageArgs, envelope, page_of
from web.ip_trust.schemas import ConfirmIpSchema, TrustedIpSchema

blp = Blueprint("ip_trust", __name__, url_prefix="/ip-trust",
                description="The networks (IPs) your sends and withdrawals may come from")


@blp.route("/confirm")
class ConfirmIp(MethodView):
    @blp.arguments(ConfirmIpSchema)
    @blp.response(200, envelope(TrustedIpSchema))
    @blp.alt_response(400, description="INVALID_TOKEN: unknown, already used or expired")
    def post(self, body: dict):
        """Trust a new network with the code from the confirmation email

        No sign-in needed: the code itself names the user and the IP it was sent for.
        It works once (of two concurrent uses exactly one succeeds) and expires 30
        minutes after the email (IP_CONFIRM_TOKEN_MINUTES); a newer email for the same
        IP retires it. The IP is then trusted for 30 days (IP_TRUST_DAYS).
        """
        row = ip_trust.confirm(context.uow, context.redis(), context.settings(), body["token"],
                               g.get("request_id"), context.client_ip())
        return ok(trusted_ip_view(row), "This network is now trusted for your account")


@blp.route("")
class TrustedIpList(MethodView):
    @requires("user")
    @blp.arguments(PageArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(TrustedIpSchema, many_page=True))
    def get(self, page: int, per_page: int):
        """List the IPs you may send and withdraw from (masked), latest trusted first"""
        with context.uow() as session:
            rows, total = trusted_ips.page_of_user(session, g.user.id, page, per_page)
            items = [trusted_ip_view(row) for row in rows]
        return ok(page_of(items, page, per_page, total), "Trusted IPs")


@blp.route("/<ip_id>")
class TrustedIpDetail(MethodView):
    @requires("user")
    @blp.response(200, envelope(TrustedIpSchema))
    @blp.alt_response(404, description="TRUSTED_IP_NOT_FOUND (also another user's, a revoked or "
                                        "expired one, or a malformed id)")
    def delete(self, ip_id: str):
        """Revoke a trusted IP: money can leave from it again only after a new confirmation"""
        with context.uow() as session:
            row = ip_trust.revoke(session, context.actor(), ip_id)
            return ok(trusted_ip_view(row), "Trusted IP revoked")


def trusted_ip_view(row: TrustedIp) -> dict:
    return {"ip_id": row.id, "ip_masked": mask(row.ip_hash), "trusted_at": row.trusted_at,
            "expires_at": row.expires_at, "revoked_at": row.revoked_at}
