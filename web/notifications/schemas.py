"""Notification representation and the listing filters (the contract's section 10)."""
from marshmallow import fields

from web.fields import PageArgs, StrictSchema


class NotificationSchema(StrictSchema):
    notification_id = fields.UUID(attribute="id")
    type = fields.String(metadata={"example": "money_received"})
    title = fields.String()
    body = fields.String()
    is_read = fields.Boolean()
    metadata = fields.Dict(attribute="metadata_")
    created_at = fields.DateTime()


class NotificationListArgs(PageArgs):
    unread_only = fields.Boolean(load_default=False)


class MarkedSchema(StrictSchema):
    marked = fields.Integer(metadata={"description": "How many notifications were unread"})


class UnreadCountSchema(StrictSchema):
    count = fields.Integer()
