from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.payout_item_view_status import PayoutItemViewStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payout_item_error import PayoutItemError
    from ..models.payout_item_view_error_type_0_type_0 import PayoutItemViewErrorType0Type0


T = TypeVar("T", bound="PayoutItemView")


@_attrs_define
class PayoutItemView:
    """
    Attributes:
        amount (str | Unset):  Example: 250.00.
        error (None | PayoutItemError | PayoutItemViewErrorType0Type0 | Unset):
        index (int | Unset):
        recipient_wallet_id (str | Unset):
        reference (None | str | Unset):
        reference_id (None | str | Unset):  Example: VP-TXN-7Q2M9K4ZP1.
        status (PayoutItemViewStatus | Unset):
    """

    amount: str | Unset = UNSET
    error: None | PayoutItemError | PayoutItemViewErrorType0Type0 | Unset = UNSET
    index: int | Unset = UNSET
    recipient_wallet_id: str | Unset = UNSET
    reference: None | str | Unset = UNSET
    reference_id: None | str | Unset = UNSET
    status: PayoutItemViewStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.payout_item_error import PayoutItemError  # noqa: PLC0415
        from ..models.payout_item_view_error_type_0_type_0 import PayoutItemViewErrorType0Type0  # noqa: PLC0415

        amount = self.amount

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, PayoutItemViewErrorType0Type0):
            error = self.error.to_dict()
        elif isinstance(self.error, PayoutItemError):
            error = self.error.to_dict()
        else:
            error = self.error

        index = self.index

        recipient_wallet_id = self.recipient_wallet_id

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        reference_id: None | str | Unset
        if isinstance(self.reference_id, Unset):
            reference_id = UNSET
        else:
            reference_id = self.reference_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if error is not UNSET:
            field_dict["error"] = error
        if index is not UNSET:
            field_dict["index"] = index
        if recipient_wallet_id is not UNSET:
            field_dict["recipient_wallet_id"] = recipient_wallet_id
        if reference is not UNSET:
            field_dict["reference"] = reference
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payout_item_error import PayoutItemError  # noqa: PLC0415
        from ..models.payout_item_view_error_type_0_type_0 import PayoutItemViewErrorType0Type0  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        def _parse_error(data: object) -> None | PayoutItemError | PayoutItemViewErrorType0Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0_type_0 = PayoutItemViewErrorType0Type0.from_dict(data)

                return error_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_1 = PayoutItemError.from_dict(data)

                return error_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayoutItemError | PayoutItemViewErrorType0Type0 | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        index = d.pop("index", UNSET)

        recipient_wallet_id = d.pop("recipient_wallet_id", UNSET)

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_reference_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference_id = _parse_reference_id(d.pop("reference_id", UNSET))

        _status = d.pop("status", UNSET)
        status: PayoutItemViewStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = PayoutItemViewStatus(_status)

        payout_item_view = cls(
            amount=amount,
            error=error,
            index=index,
            recipient_wallet_id=recipient_wallet_id,
            reference=reference,
            reference_id=reference_id,
            status=status,
        )

        return payout_item_view
