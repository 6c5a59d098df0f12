"""What every console page shares: rendering with the signed-in user, the navigation
their role opens and the notices left for them; reading filters and forms through the
API's own schemas; and the links of a paged list."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import g, redirect, render_template, request, url_for
from marshmallow import Schema, ValidationError, validate

from domain import errors
from domain.roles import has_role
from web import context
from web.console import bp, sessions
from web.input_guard import UNSTORABLE_TEXT, unstorable

# (endpoint, label, lowest role): the role each page needs, as its API routes do.
NAVIGATION = [
    ("console.dashboard", "Dashboard", "moderator"),
    ("console.kyc_queue", "KYC queue", "moderator"),
    ("console.dispute_list", "Disputes", "moderator"),
    ("console.wallet_search", "Wallets", "moderator"),
    ("console.operation_list", "Operations", "moderator"),
    ("console.transaction_list", "Transactions", "moderator"),
    ("console.ledger_health", "Ledger health", "admin"),
]


def render(template: str, status: int = 200, **values):
    user, record = g.get("user"), g.get("console")
    notices = []
    if record is not None and record.notices and status < 400:
        notices, record.notices = record.notices, []
        sessions.save(context.redis(), context.settings(), record)
    navigation = [(endpoint, label) for endpoint, label, role in NAVIGATION
                  if user is not None and has_role(user.role, role)]
    body = render_template(template, user=user, navigation=navigation, notices=notices,
                           csrf_token=record.csrf_token if record else "", **values)
    return body, status


def done(notice: str, endpoint: str, **values):
    """After a change: the notice for the next page, and a redirect to it (so that a
    reload does not post the form again)."""
    g.console.notices.append(notice)
    sessions.save(context.redis(), context.settings(), g.console)
    return redirect(url_for(endpoint, **values), 303)


def form(schema: type[Schema], data: dict | None = None) -> dict:
    """The posted form (or `data` built from it) loaded by the API's schema. An empty
    field is a field not given, as a client leaves it out of a JSON body."""
    if data is None:
        data = {name: value for name, value in request.form.items() if name != "csrf_token"}
    return _load(schema, {name: value for name, value in data.items() if value != ""})


def query(schema: type[Schema], **defaults) -> dict:
    """The filters of a list page, loaded by the API route's own schema (unknown names
    refused); `defaults` apply to names absent from the address, not to empty ones."""
    given = request.args.to_dict()
    data = {**{k: v for k, v in defaults.items() if k not in given},
            **{k: v for k, v in given.items() if v != ""}}
    return _load(schema, data)


def _load(schema: type[Schema], data: dict) -> dict:
    bad = {"_form" if unstorable(name) else name: [UNSTORABLE_TEXT]
           for name, value in data.items() if unstorable(name) or unstorable(value)}
    if bad:
        raise errors.ValidationFailed(details=bad)
    try:
        return schema().load(data)
    except ValidationError as exc:
        raise errors.ValidationFailed(details=exc.messages) from None


@bp.app_template_global()
def page_link(number: int) -> str:
    """This list's address at page `number`, with its filters."""
    return url_for(request.endpoint, **{**(request.view_args or {}),
                                        **request.args.to_dict(), "page": number})


def pages(total: int, per_page: int) -> int:
    return max((total + per_page - 1) // per_page, 1)


def choices(schema: type[Schema], name: str) -> list[str]:
    """The values a filter accepts, from the API schema's own OneOf: a select box
    offers exactly what the route would take."""
    for validator in schema().fields[name].validators:
        if isinstance(validator, validate.OneOf):
            return list(validator.choices)
    return []


@bp.app_template_filter("money")
def money(value) -> str:
    """12,345.00 (amounts are Decimals; grouped for reading, never rounded)."""
    return "" if value is None else f"{Decimal(value):,.2f}"


@bp.app_template_filter("when")
def when(value: datetime | None) -> str:
    """A timestamp in the business timezone, to the minute."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(context.settings().business_timezone))
    return local.strftime("%Y-%m-%d %H:%M %Z")
