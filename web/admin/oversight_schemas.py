"""Audit-trail and reconciliation representations and filters (the contract's section 12)."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from web.fields import PageArgs, StrictSchema


class AuditLogArgs(PageArgs):
    actor_id = fields.UUID()
    target_type = fields.String(validate=validate.Length(min=1, max=64),
                                metadata={"example": "wallet"})
    target_id = fields.String(validate=validate.Length(min=1, max=128))
    action = fields.String(validate=validate.Regexp(r"^[A-Z_]{1,64}\Z", error="An upper-case verb"),
                           metadata={"example": "FREEZE_WALLET"})
    start_date = fields.Date(metadata={"description": "First day (business timezone), inclusive"})
    end_date = fields.Date(metadata={"description": "Last day (business timezone), inclusive"})

    @validates_schema
    def _ordered_range(self, data, **kwargs):
        if data.get("start_date") and data.get("end_date") and data["start_date"] > data["end_date"]:
            raise ValidationError("Must not be after end_date", "start_date")


class AuditLogSchema(StrictSchema):
    id = fields.Integer(metadata={"description": "Position in the hash chain"})
    audit_id = fields.UUID()
    actor_id = fields.UUID(allow_none=True, metadata={"description": "null for the system"})
    actor_role = fields.String(allow_none=True)
    action = fields.String(metadata={"example": "FREEZE_WALLET"})
    target_type = fields.String()
    target_id = fields.String(allow_none=True)
    before_state = fields.Dict(allow_none=True)
    after_state = fields.Dict(allow_none=True)
    reason = fields.String(allow_none=True)
    request_id = fields.String(allow_none=True)
    ip_address = fields.String(allow_none=True)
    created_at = fields.DateTime()
    prev_hash = fields.String(allow_none=True)
    hash = fields.String()


class ChainCheckSchema(StrictSchema):
    valid = fields.Boolean()
    checked = fields.Integer(metadata={"description": "Rows walked (up to the first broken one)"})
    first_broken_id = fields.Integer(allow_none=True,
                                     metadata={"description": "`id` of the first broken row"})


class ViolationSchema(StrictSchema):
    invariant = fields.String(metadata={"enum": [
        "zero_sum_per_currency", "cached_balance_equals_entries",
        "journal_entries_sum_to_zero", "operation_state_matches_journals"]})
    subject = fields.String(metadata={"description": "The currency, account, journal or operation"})
    detail = fields.String()


class ReconciliationRunSchema(StrictSchema):
    run_id = fields.UUID()
    trigger = fields.String(metadata={"enum": ["schedule", "manual"]})
    requested_by = fields.UUID(allow_none=True)
    requested_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True, metadata={"description": "null while pending"})
    ok = fields.Boolean(allow_none=True, metadata={"description": "null while pending"})
    violations = fields.List(fields.Nested(ViolationSchema))
