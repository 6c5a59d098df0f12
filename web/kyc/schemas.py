"""KYC request bodies and representations (the contract's sections 7 and 12).

No schema here ever dumps a plain document number except `KycDocumentSchema`, which
only the audited moderator view uses.
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validate

from domain import kyc
from web.auth.schemas import TrimmedString
from web.fields import PageArgs, StrictSchema

DOC_TYPE = {"enum": list(kyc.DOC_TYPES), "example": "aadhaar"}
MASKED = {"description": "Only the last four characters are shown",
          "example": "XXXX XXXX 9012"}
REVIEW_STATES = ["awaiting_checks", "awaiting_moderator", "decided"]


class DocTypeField(fields.String):
    """A document type, with the seed's spellings read as the canonical names."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        return kyc.DOC_TYPE_ALIASES.get(text, text)


class KycSubmitSchema(StrictSchema):
    doc_type = DocTypeField(required=True, validate=validate.OneOf(kyc.DOC_TYPES), metadata={
        **DOC_TYPE, "description": "`aadhar` (the seed's spelling) is accepted and stored as "
                                   "`aadhaar`"})
    doc_number = fields.String(
        required=True, load_only=True, validate=validate.Length(min=1, max=64),
        metadata={"description": "Validated per type; spaces and hyphens are ignored. "
                                 "Aadhaar: 12 digits, Verhoeff check digit, not starting "
                                 "with 0 or 1. PAN: ABCDE1234F. Passport: J8369854. "
                                 "Driving licence: MH14 2011 0062821. Voter id: ABC1234567.",
                  "example": "2345 6789 0124"})

    @post_load
    def _normalise(self, data: dict, **kwargs) -> dict:
        try:
            number = kyc.normalise(data["doc_type"], data["doc_number"])
        except kyc.InvalidDocumentNumber as exc:
            raise ValidationError(str(exc), field_name="doc_number") from None
        return {**data, "doc_number": number}


class KycSubmittedSchema(StrictSchema):
    submission_id = fields.UUID()
    status = fields.String(metadata={"enum": ["pending"]})
    doc_type = fields.String(metadata=DOC_TYPE)
    doc_number_masked = fields.String(metadata=MASKED)
    submitted_at = fields.DateTime()


class KycStatusSchema(StrictSchema):
    status = fields.String(metadata={"enum": [kyc.NONE, *kyc.STATUSES]})
    submission_id = fields.UUID(allow_none=True)
    doc_type = fields.String(allow_none=True, metadata=DOC_TYPE)
    doc_number_masked = fields.String(allow_none=True, metadata=MASKED)
    rejection_reason = fields.String(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    reviewed_at = fields.DateTime(allow_none=True)


class KycListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(kyc.STATUSES))
    user_id = fields.UUID()


class KycReviewSchema(StrictSchema):
    """A submission as moderators see it in the queue: masked number only."""

    submission_id = fields.UUID()
    user_id = fields.UUID()
    user_email = fields.String()
    full_name = fields.String()
    doc_type = fields.String(metadata=DOC_TYPE)
    doc_number_masked = fields.String(metadata=MASKED)
    status = fields.String(metadata={"enum": list(kyc.STATUSES)})
    review_state = fields.String(metadata={"enum": REVIEW_STATES})
    auto_check_status = fields.String(allow_none=True, metadata={
        "enum": ["passed", "flagged"],
        "description": "Result of the automated checks; null until they have run"})
    auto_check_notes = fields.List(fields.String())
    auto_checked_at = fields.DateTime(allow_none=True)
    rejection_reason = fields.String(allow_none=True)
    reviewed_by = fields.UUID(allow_none=True)
    reviewed_at = fields.DateTime(allow_none=True)
    submitted_at = fields.DateTime()


class KycDocumentSchema(KycReviewSchema):
    doc_number = fields.String(metadata={
        "description": "The decrypted number; every read writes a VIEWED_KYC_DOCUMENT audit row"})


class KycRejectSchema(StrictSchema):
    rejection_reason = TrimmedString(
        required=True, validate=validate.Length(min=1, max=500),
        metadata={"description": "Shown to the user and emailed; must not contain the "
                                 "document number",
                  "example": "The name on the document does not match the account"})
