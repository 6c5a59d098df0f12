from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.operation_status import OperationStatus
from ..models.operation_type import OperationType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.operation_error import OperationError
    from ..models.operation_error_type_0_type_0 import OperationErrorType0Type0
    from ..models.operation_result import OperationResult
    from ..models.operation_result_type_0_type_0 import OperationResultType0Type0


T = TypeVar("T", bound="Operation")


@_attrs_define
class Operation:
    """
    Attributes:
        amount (str | Unset):  Example: 250.00.
        created_at (datetime.datetime | Unset):
        currency (str | Unset):
        error (None | OperationError | OperationErrorType0Type0 | Unset):
        finished_at (datetime.datetime | None | Unset):
        operation_id (UUID | Unset):
        result (None | OperationResult | OperationResultType0Type0 | Unset):
        status (OperationStatus | Unset):
        type_ (OperationType | Unset):
    """

    amount: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currency: str | Unset = UNSET
    error: None | OperationError | OperationErrorType0Type0 | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    operation_id: UUID | Unset = UNSET
    result: None | OperationResult | OperationResultType0Type0 | Unset = UNSET
    status: OperationStatus | Unset = UNSET
    type_: OperationType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.operation_error import OperationError  # noqa: PLC0415
        from ..models.operation_error_type_0_type_0 import OperationErrorType0Type0  # noqa: PLC0415
        from ..models.operation_result import OperationResult  # noqa: PLC0415
        from ..models.operation_result_type_0_type_0 import OperationResultType0Type0  # noqa: PLC0415

        amount = self.amount

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currency = self.currency

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, OperationErrorType0Type0):
            error = self.error.to_dict()
        elif isinstance(self.error, OperationError):
            error = self.error.to_dict()
        else:
            error = self.error

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        operation_id: str | Unset = UNSET
        if not isinstance(self.operation_id, Unset):
            operation_id = str(self.operation_id)

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, OperationResultType0Type0):
            result = self.result.to_dict()
        elif isinstance(self.result, OperationResult):
            result = self.result.to_dict()
        else:
            result = self.result

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if currency is not UNSET:
            field_dict["currency"] = currency
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if operation_id is not UNSET:
            field_dict["operation_id"] = operation_id
        if result is not UNSET:
            field_dict["result"] = result
        if status is not UNSET:
            field_dict["status"] = status
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.operation_error import OperationError  # noqa: PLC0415
        from ..models.operation_error_type_0_type_0 import OperationErrorType0Type0  # noqa: PLC0415
        from ..models.operation_result import OperationResult  # noqa: PLC0415
        from ..models.operation_result_type_0_type_0 import OperationResultType0Type0  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        currency = d.pop("currency", UNSET)

        def _parse_error(data: object) -> None | OperationError | OperationErrorType0Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0_type_0 = OperationErrorType0Type0.from_dict(data)

                return error_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_1 = OperationError.from_dict(data)

                return error_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OperationError | OperationErrorType0Type0 | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        _operation_id = d.pop("operation_id", UNSET)
        operation_id: UUID | Unset
        if isinstance(_operation_id, Unset):
            operation_id = UNSET
        else:
            operation_id = UUID(_operation_id)

        def _parse_result(data: object) -> None | OperationResult | OperationResultType0Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0_type_0 = OperationResultType0Type0.from_dict(data)

                return result_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_1 = OperationResult.from_dict(data)

                return result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OperationResult | OperationResultType0Type0 | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        _status = d.pop("status", UNSET)
        status: OperationStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = OperationStatus(_status)

        _type_ = d.pop("type", UNSET)
        type_: OperationType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = OperationType(_type_)

        operation = cls(
            amount=amount,
            created_at=created_at,
            currency=currency,
            error=error,
            finished_at=finished_at,
            operation_id=operation_id,
            result=result,
            status=status,
            type_=type_,
        )

        return operation
