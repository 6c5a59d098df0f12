"""Schema building blocks shared by every resource: money, the envelope, pagination."""
from __future__ import annotations

import re
from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, validate

from domain.money import format_amount, parse_amount


class Money(fields.Field):
    """Amounts travel as strings with two decimals ("250.00"), never as JSON numbers."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update(
            {"type": "string", "pattern": r"^\d{1,9}(\.\d{1,2})?$", "example": "250.00"}
        )
        super().__init__(**kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else format_amount(Decimal(value))

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return parse_amount(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class Instant(fields.AwareDateTime):
    """An ISO 8601 instant with its UTC offset (`2026-05-01T10:00:00Z`,
    `2026-05-01T15:30:00+05:30`); a naive date-time is refused, as is anything else.
    A `+` sent unencoded in a query string arrives as a space: it is read back as `+`."""

    _UNENCODED_PLUS = re.compile(r"^(\S+T\S+) (\d{2}(?::?\d{2})?)$")

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("example", "2026-05-01T10:00:00Z")
        super().__init__(format="iso", **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = self._UNENCODED_PLUS.sub(r"\1+\2", value)
        return super()._deserialize(value, attr, data, **kwargs)


class StrictSchema(Schema):
    """Unknown fields are refused (marshmallow's default, stated here on purpose)."""

    class Meta:
        ordered = True


class PageArgs(StrictSchema):
    # Bounded so that the row offset, (page - 1) * per_page, always fits PostgreSQL's
    # bigint OFFSET (an unbounded page was a 500, found by the fuzzer).
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


_ENVELOPES: dict[str, type[Schema]] = {}


def envelope(data_schema: type[Schema] | None, *, many_page: bool = False,
             many: bool = False) -> type[Schema]:
    """The success envelope around `data_schema` (a page of them, or a plain list)."""
    base = data_schema.__name__.removesuffix("Schema") if data_schema else "Empty"
    name = f"{base}{'Page' if many_page else 'List' if many else ''}Envelope"
    if name in _ENVELOPES:
        return _ENVELOPES[name]
    data_field = fields.Raw(allow_none=True)
    if data_schema is not None and many_page:
        page_schema = Schema.from_dict(
            {
                "items": fields.List(fields.Nested(data_schema)),
                "page": fields.Integer(),
                "per_page": fields.Integer(),
                "total": fields.Integer(),
                "pages": fields.Integer(),
            },
            name=f"{base}Page",
        )
        data_field = fields.Nested(page_schema)
    elif data_schema is not None and many:
        data_field = fields.List(fields.Nested(data_schema))
    elif data_schema is not None:
        data_field = fields.Nested(data_schema)
    schema = Schema.from_dict(
        {
            "success": fields.Boolean(),
            "message": fields.String(),
            "data": data_field,
            "request_id": fields.String(),
        },
        name=name,
    )
    _ENVELOPES[name] = schema
    return schema


def page_of(items: list, page: int, per_page: int, total: int) -> dict:
    return {
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": (total + per_page - 1) // per_page,
    }


class ErrorEnvelopeSchema(Schema):
    """Every error response: a stable `error_code` and field-level `details`."""

    success = fields.Boolean(metadata={"example": False})
    message = fields.String()
    error_code = fields.String(metadata={"example": "VALIDATION_ERROR"})
    details = fields.Dict()
    request_id = fields.String()
