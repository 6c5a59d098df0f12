from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.admin_operation_status import AdminOperationStatus
from ..models.admin_operation_type import AdminOperationType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.admin_operation_error_type_0_type_0 import AdminOperationErrorType0Type0
    from ..models.admin_operation_result_type_0_type_0 import AdminOperationResultType0Type0
    from ..models.operation_error import OperationError
    from ..models.operation_result import OperationResult


T = TypeVar("T", bound="AdminOperation")


@_attrs_define
class AdminOperation:
    """
    Attributes:
        amount (str | Unset):  Example: 250.00.
        created_at (datetime.datetime | Unset):
        currency (str | Unset):
        error (AdminOperationErrorType0Type0 | None | OperationError | Unset):
        finished_at (datetime.datetime | None | Unset):
        operation_id (UUID | Unset):
        result (AdminOperationResultType0Type0 | None | OperationResult | Unset):
        status (AdminOperationStatus | Unset):
        type_ (AdminOperationType | Unset):
        user_id (UUID | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.
    """

    amount: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currency: str | Unset = UNSET
    error: AdminOperationErrorType0Type0 | None | OperationError | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    operation_id: UUID | Unset = UNSET
    result: AdminOperationResultType0Type0 | None | OperationResult | Unset = UNSET
    status: AdminOperationStatus | Unset = UNSET
    type_: AdminOperationType | Unset = UNSET
    user_id: UUID | Unset = UNSET
    wallet_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.admin_operation_error_type_0_type_0 import AdminOperationErrorType0Type0  # noqa: PLC0415
        from ..models.admin_operation_result_type_0_type_0 import AdminOperationResultType0Type0  # noqa: PLC0415
        from ..models.operation_error import OperationError  # noqa: PLC0415
        from ..models.operation_result import OperationResult  # noqa: PLC0415

        amount = self.amount

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currency = self.currency

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, AdminOperationErrorType0Type0):
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
        elif isinstance(self.result, AdminOperationResultType0Type0):
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

        user_id: str | Unset = UNSET
        if not isinstance(self.user_id, Unset):
            user_id = str(self.user_id)

        wallet_id = self.wallet_id

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
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if wallet_id is not UNSET:
            field_dict["wallet_id"] = wallet_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.admin_operation_error_type_0_type_0 import AdminOperationErrorType0Type0  # noqa: PLC0415
        from ..models.admin_operation_result_type_0_type_0 import AdminOperationResultType0Type0  # noqa: PLC0415
        from ..models.operation_error import OperationError  # noqa: PLC0415
        from ..models.operation_result import OperationResult  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        currency = d.pop("currency", UNSET)

        def _parse_error(data: object) -> AdminOperationErrorType0Type0 | None | OperationError | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0_type_0 = AdminOperationErrorType0Type0.from_dict(data)

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
            return cast(AdminOperationErrorType0Type0 | None | OperationError | Unset, data)

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

        def _parse_result(data: object) -> AdminOperationResultType0Type0 | None | OperationResult | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0_type_0 = AdminOperationResultType0Type0.from_dict(data)

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
            return cast(AdminOperationResultType0Type0 | None | OperationResult | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        _status = d.pop("status", UNSET)
        status: AdminOperationStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = AdminOperationStatus(_status)

        _type_ = d.pop("type", UNSET)
        type_: AdminOperationType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = AdminOperationType(_type_)

        _user_id = d.pop("user_id", UNSET)
        user_id: UUID | Unset
        if isinstance(_user_id, Unset):
            user_id = UNSET
        else:
            user_id = UUID(_user_id)

        wallet_id = d.pop("wallet_id", UNSET)

        admin_operation = cls(
            amount=amount,
            created_at=created_at,
            currency=currency,
            error=error,
            finished_at=finished_at,
            operation_id=operation_id,
            result=result,
            status=status,
            type_=type_,
            user_id=user_id,
            wallet_id=wallet_id,
        )

        return admin_operation
