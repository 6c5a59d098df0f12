from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.dispute_category import DisputeCategory
from ..models.dispute_refund_status_type_1 import DisputeRefundStatusType1
from ..models.dispute_refund_status_type_2_type_1 import DisputeRefundStatusType2Type1
from ..models.dispute_refund_status_type_3_type_1 import DisputeRefundStatusType3Type1
from ..models.dispute_resolution_type_1 import DisputeResolutionType1
from ..models.dispute_resolution_type_2_type_1 import DisputeResolutionType2Type1
from ..models.dispute_resolution_type_3_type_1 import DisputeResolutionType3Type1
from ..models.dispute_status import DisputeStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Dispute")


@_attrs_define
class Dispute:
    """
    Attributes:
        amount (str | Unset): The disputed transaction's amount Example: 250.00.
        category (DisputeCategory | Unset):
        created_at (datetime.datetime | Unset):
        currency (str | Unset):
        dispute_id (UUID | Unset):
        reason (str | Unset):
        reference_id (str | Unset):  Example: VP-TXN-7Q2M9K4ZP1.
        refund_amount (None | str | Unset):  Example: 250.00.
        refund_error_code (None | str | Unset):  Example: INSUFFICIENT_BALANCE.
        refund_operation_id (None | Unset | UUID): Poll GET /operations/{operation_id} for the refund's outcome
        refund_status (DisputeRefundStatusType1 | DisputeRefundStatusType2Type1 | DisputeRefundStatusType3Type1 | None |
            Unset):
        refundable_amount (str | Unset): What may still be refunded: the amount less every refund not failed Example:
            250.00.
        resolution (DisputeResolutionType1 | DisputeResolutionType2Type1 | DisputeResolutionType3Type1 | None | Unset):
        resolution_notes (None | str | Unset):
        resolved_at (datetime.datetime | None | Unset):
        status (DisputeStatus | Unset):
        transaction_id (UUID | Unset):
        updated_at (datetime.datetime | Unset):
        wallet_id (str | Unset):
    """

    amount: str | Unset = UNSET
    category: DisputeCategory | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currency: str | Unset = UNSET
    dispute_id: UUID | Unset = UNSET
    reason: str | Unset = UNSET
    reference_id: str | Unset = UNSET
    refund_amount: None | str | Unset = UNSET
    refund_error_code: None | str | Unset = UNSET
    refund_operation_id: None | Unset | UUID = UNSET
    refund_status: (
        DisputeRefundStatusType1 | DisputeRefundStatusType2Type1 | DisputeRefundStatusType3Type1 | None | Unset
    ) = UNSET
    refundable_amount: str | Unset = UNSET
    resolution: DisputeResolutionType1 | DisputeResolutionType2Type1 | DisputeResolutionType3Type1 | None | Unset = (
        UNSET
    )
    resolution_notes: None | str | Unset = UNSET
    resolved_at: datetime.datetime | None | Unset = UNSET
    status: DisputeStatus | Unset = UNSET
    transaction_id: UUID | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    wallet_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category.value

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currency = self.currency

        dispute_id: str | Unset = UNSET
        if not isinstance(self.dispute_id, Unset):
            dispute_id = str(self.dispute_id)

        reason = self.reason

        reference_id = self.reference_id

        refund_amount: None | str | Unset
        if isinstance(self.refund_amount, Unset):
            refund_amount = UNSET
        else:
            refund_amount = self.refund_amount

        refund_error_code: None | str | Unset
        if isinstance(self.refund_error_code, Unset):
            refund_error_code = UNSET
        else:
            refund_error_code = self.refund_error_code

        refund_operation_id: None | str | Unset
        if isinstance(self.refund_operation_id, Unset):
            refund_operation_id = UNSET
        elif isinstance(self.refund_operation_id, UUID):
            refund_operation_id = str(self.refund_operation_id)
        else:
            refund_operation_id = self.refund_operation_id

        refund_status: None | str | Unset
        if isinstance(self.refund_status, Unset):
            refund_status = UNSET
        elif isinstance(self.refund_status, DisputeRefundStatusType1):
            refund_status = self.refund_status.value
        elif isinstance(self.refund_status, DisputeRefundStatusType2Type1):
            refund_status = self.refund_status.value
        elif isinstance(self.refund_status, DisputeRefundStatusType3Type1):
            refund_status = self.refund_status.value
        else:
            refund_status = self.refund_status

        refundable_amount = self.refundable_amount

        resolution: None | str | Unset
        if isinstance(self.resolution, Unset):
            resolution = UNSET
        elif isinstance(self.resolution, DisputeResolutionType1):
            resolution = self.resolution.value
        elif isinstance(self.resolution, DisputeResolutionType2Type1):
            resolution = self.resolution.value
        elif isinstance(self.resolution, DisputeResolutionType3Type1):
            resolution = self.resolution.value
        else:
            resolution = self.resolution

        resolution_notes: None | str | Unset
        if isinstance(self.resolution_notes, Unset):
            resolution_notes = UNSET
        else:
            resolution_notes = self.resolution_notes

        resolved_at: None | str | Unset
        if isinstance(self.resolved_at, Unset):
            resolved_at = UNSET
        elif isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        transaction_id: str | Unset = UNSET
        if not isinstance(self.transaction_id, Unset):
            transaction_id = str(self.transaction_id)

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        wallet_id = self.wallet_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if category is not UNSET:
            field_dict["category"] = category
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if currency is not UNSET:
            field_dict["currency"] = currency
        if dispute_id is not UNSET:
            field_dict["dispute_id"] = dispute_id
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id
        if refund_amount is not UNSET:
            field_dict["refund_amount"] = refund_amount
        if refund_error_code is not UNSET:
            field_dict["refund_error_code"] = refund_error_code
        if refund_operation_id is not UNSET:
            field_dict["refund_operation_id"] = refund_operation_id
        if refund_status is not UNSET:
            field_dict["refund_status"] = refund_status
        if refundable_amount is not UNSET:
            field_dict["refundable_amount"] = refundable_amount
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if resolution_notes is not UNSET:
            field_dict["resolution_notes"] = resolution_notes
        if resolved_at is not UNSET:
            field_dict["resolved_at"] = resolved_at
        if status is not UNSET:
            field_dict["status"] = status
        if transaction_id is not UNSET:
            field_dict["transaction_id"] = transaction_id
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if wallet_id is not UNSET:
            field_dict["wallet_id"] = wallet_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        _category = d.pop("category", UNSET)
        category: DisputeCategory | Unset
        if isinstance(_category, Unset):
            category = UNSET
        else:
            category = DisputeCategory(_category)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        currency = d.pop("currency", UNSET)

        _dispute_id = d.pop("dispute_id", UNSET)
        dispute_id: UUID | Unset
        if isinstance(_dispute_id, Unset):
            dispute_id = UNSET
        else:
            dispute_id = UUID(_dispute_id)

        reason = d.pop("reason", UNSET)

        reference_id = d.pop("reference_id", UNSET)

        def _parse_refund_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        refund_amount = _parse_refund_amount(d.pop("refund_amount", UNSET))

        def _parse_refund_error_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        refund_error_code = _parse_refund_error_code(d.pop("refund_error_code", UNSET))

        def _parse_refund_operation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refund_operation_id_type_0 = UUID(data)

                return refund_operation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        refund_operation_id = _parse_refund_operation_id(d.pop("refund_operation_id", UNSET))

        def _parse_refund_status(
            data: object,
        ) -> DisputeRefundStatusType1 | DisputeRefundStatusType2Type1 | DisputeRefundStatusType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refund_status_type_1 = DisputeRefundStatusType1(data)

                return refund_status_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refund_status_type_2_type_1 = DisputeRefundStatusType2Type1(data)

                return refund_status_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refund_status_type_3_type_1 = DisputeRefundStatusType3Type1(data)

                return refund_status_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                DisputeRefundStatusType1 | DisputeRefundStatusType2Type1 | DisputeRefundStatusType3Type1 | None | Unset,
                data,
            )

        refund_status = _parse_refund_status(d.pop("refund_status", UNSET))

        refundable_amount = d.pop("refundable_amount", UNSET)

        def _parse_resolution(
            data: object,
        ) -> DisputeResolutionType1 | DisputeResolutionType2Type1 | DisputeResolutionType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_type_1 = DisputeResolutionType1(data)

                return resolution_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_type_2_type_1 = DisputeResolutionType2Type1(data)

                return resolution_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_type_3_type_1 = DisputeResolutionType3Type1(data)

                return resolution_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                DisputeResolutionType1 | DisputeResolutionType2Type1 | DisputeResolutionType3Type1 | None | Unset, data
            )

        resolution = _parse_resolution(d.pop("resolution", UNSET))

        def _parse_resolution_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resolution_notes = _parse_resolution_notes(d.pop("resolution_notes", UNSET))

        def _parse_resolved_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at", UNSET))

        _status = d.pop("status", UNSET)
        status: DisputeStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = DisputeStatus(_status)

        _transaction_id = d.pop("transaction_id", UNSET)
        transaction_id: UUID | Unset
        if isinstance(_transaction_id, Unset):
            transaction_id = UNSET
        else:
            transaction_id = UUID(_transaction_id)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        wallet_id = d.pop("wallet_id", UNSET)

        dispute = cls(
            amount=amount,
            category=category,
            created_at=created_at,
            currency=currency,
            dispute_id=dispute_id,
            reason=reason,
            reference_id=reference_id,
            refund_amount=refund_amount,
            refund_error_code=refund_error_code,
            refund_operation_id=refund_operation_id,
            refund_status=refund_status,
            refundable_amount=refundable_amount,
            resolution=resolution,
            resolution_notes=resolution_notes,
            resolved_at=resolved_at,
            status=status,
            transaction_id=transaction_id,
            updated_at=updated_at,
            wallet_id=wallet_id,
        )

        return dispute
