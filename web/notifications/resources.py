"""The caller's notifications: list, mark read, mark all read, unread count.

Other features write notifications (`db.notifications.notify`) in the transaction of
the event they announce; these endpoints only ever see the caller's own.
"""
from __future__ import annotations

import uuid

from flask import g
from flask.views import MethodView

from db import notifications
from domain import errors
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of
from web.notifications.schemas import (
    MarkedSchema,
    NotificationListArgs,
    NotificationSchema,
    UnreadCountSchema,
)

blp = Blueprint("notifications", __name__, url_prefix="/notifications",
                description="Your notifications")


@blp.route("")
class NotificationList(MethodView):
    @requires("user")
    @blp.arguments(NotificationListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(NotificationSchema, many_page=True))
    def get(self, page: int, per_page: int, unread_only: bool):
        """Your notifications, newest first"""
        with context.uow() as session:
            rows, total = notifications.page(session, g.user.id, unread_only=unread_only,
                                             page_number=page, per_page=per_page)
        return ok(page_of(rows, page, per_page, total), "Notifications")


@blp.route("/<notification_id>/read")
class NotificationRead(MethodView):
    @requires("user")
    @blp.response(200, envelope(NotificationSchema))
    @blp.alt_response(404, description="NOTIFICATION_NOT_FOUND (also another user's, or a malformed id)")
    def post(self, notification_id: str):
        """Mark one of your notifications read

        Marking an already read notification again changes nothing.
        """
        with context.uow() as session:
            notification = notifications.mark_read(session, g.user.id, _parse_id(notification_id))
        if notification is None:
            raise errors.NotificationNotFound()
        return ok(notification, "Notification marked read")


@blp.route("/read-all")
class NotificationReadAll(MethodView):
    @requires("user")
    @blp.response(200, envelope(MarkedSchema))
    def post(self):
        """Mark all your notifications read"""
        with context.uow() as session:
            marked = notifications.mark_all_read(session, g.user.id)
        return ok({"marked": marked}, "Notifications marked read")


@blp.route("/unread-count")
class UnreadCount(MethodView):
    @requires("user")
    @blp.response(200, envelope(UnreadCountSchema))
    def get(self):
        """How many of your notifications are unread"""
        with context.uow() as session:
            count = notifications.unread_count(session, g.user.id)
        return ok({"count": count}, "Unread notifications")


def _parse_id(notification_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(notification_id)
    except ValueError as exc:
        raise errors.NotificationNotFound() from exc
