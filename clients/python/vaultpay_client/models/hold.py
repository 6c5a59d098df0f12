from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.hold_status import HoldStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Hold")


@_attrs_define
class Hold:
    """
    Attributes:
        amount (str | Unset): What was reserved Example: 250.00.
        captured_amount (str | Unset): What the capture moved ("0.00" until captured) Example: 250.00.
        created_at (datetime.datetime | Unset):
        currency (str | Unset):  Example: INR.
        description (None | str | Unset):
        expires_at (datetime.datetime | Unset):
        finished_at (datetime.datetime | None | Unset):
        hold_id (UUID | Unset):
        payee_wallet_id (str | Unset):  Example: VPY-7Q2M9K.
        payer_wallet_id (str | Unset):  Example: VPY-7Q2M9K.
        status (HoldStatus | Unset):
    """

    amount: str | Unset = UNSET
    captured_amount: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currency: str | Unset = UNSET
    description: None | str | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    hold_id: UUID | Unset = UNSET
    payee_wallet_id: str | Unset = UNSET
    payer_wallet_id: str | Unset = UNSET
    status: HoldStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        captured_amount = self.captured_amount

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currency = self.currency

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        hold_id: str | Unset = UNSET
        if not isinstance(self.hold_id, Unset):
            hold_id = str(self.hold_id)

        payee_wallet_id = self.payee_wallet_id

        payer_wallet_id = self.payer_wallet_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if captured_amount is not UNSET:
            field_dict["captured_amount"] = captured_amount
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if currency is not UNSET:
            field_dict["currency"] = currency
        if description is not UNSET:
            field_dict["description"] = description
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if payee_wallet_id is not UNSET:
            field_dict["payee_wallet_id"] = payee_wallet_id
        if payer_wallet_id is not UNSET:
            field_dict["payer_wallet_id"] = payer_wallet_id
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        captured_amount = d.pop("captured_amount", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        currency = d.pop("currency", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

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

        _hold_id = d.pop("hold_id", UNSET)
        hold_id: UUID | Unset
        if isinstance(_hold_id, Unset):
            hold_id = UNSET
        else:
            hold_id = UUID(_hold_id)

        payee_wallet_id = d.pop("payee_wallet_id", UNSET)

        payer_wallet_id = d.pop("payer_wallet_id", UNSET)

        _status = d.pop("status", UNSET)
        status: HoldStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = HoldStatus(_status)

        hold = cls(
            amount=amount,
            captured_amount=captured_amount,
            created_at=created_at,
            currency=currency,
            description=description,
            expires_at=expires_at,
            finished_at=finished_at,
            hold_id=hold_id,
            payee_wallet_id=payee_wallet_id,
            payer_wallet_id=payer_wallet_id,
            status=status,
        )

        return hold
