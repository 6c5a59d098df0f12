from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.admin_wallet_freeze_reason_type_1 import AdminWalletFreezeReasonType1
from ..models.admin_wallet_freeze_reason_type_2_type_1 import AdminWalletFreezeReasonType2Type1
from ..models.admin_wallet_freeze_reason_type_3_type_1 import AdminWalletFreezeReasonType3Type1
from ..models.admin_wallet_status import AdminWalletStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminWallet")


@_attrs_define
class AdminWallet:
    """
    Attributes:
        balance (str | Unset):  Example: 250.00.
        created_at (datetime.datetime | Unset):
        currency (str | Unset):  Example: INR.
        freeze_reason (AdminWalletFreezeReasonType1 | AdminWalletFreezeReasonType2Type1 |
            AdminWalletFreezeReasonType3Type1 | None | Unset):
        frozen_at (datetime.datetime | None | Unset):
        kyc_tier (int | Unset):
        kyc_verified (bool | Unset):
        owner_email (str | Unset):
        pin_set (bool | Unset):
        status (AdminWalletStatus | Unset):
        updated_at (datetime.datetime | Unset):
        user_id (UUID | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.
    """

    balance: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currency: str | Unset = UNSET
    freeze_reason: (
        AdminWalletFreezeReasonType1
        | AdminWalletFreezeReasonType2Type1
        | AdminWalletFreezeReasonType3Type1
        | None
        | Unset
    ) = UNSET
    frozen_at: datetime.datetime | None | Unset = UNSET
    kyc_tier: int | Unset = UNSET
    kyc_verified: bool | Unset = UNSET
    owner_email: str | Unset = UNSET
    pin_set: bool | Unset = UNSET
    status: AdminWalletStatus | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    user_id: UUID | Unset = UNSET
    wallet_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        balance = self.balance

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currency = self.currency

        freeze_reason: None | str | Unset
        if isinstance(self.freeze_reason, Unset):
            freeze_reason = UNSET
        elif isinstance(self.freeze_reason, AdminWalletFreezeReasonType1):
            freeze_reason = self.freeze_reason.value
        elif isinstance(self.freeze_reason, AdminWalletFreezeReasonType2Type1):
            freeze_reason = self.freeze_reason.value
        elif isinstance(self.freeze_reason, AdminWalletFreezeReasonType3Type1):
            freeze_reason = self.freeze_reason.value
        else:
            freeze_reason = self.freeze_reason

        frozen_at: None | str | Unset
        if isinstance(self.frozen_at, Unset):
            frozen_at = UNSET
        elif isinstance(self.frozen_at, datetime.datetime):
            frozen_at = self.frozen_at.isoformat()
        else:
            frozen_at = self.frozen_at

        kyc_tier = self.kyc_tier

        kyc_verified = self.kyc_verified

        owner_email = self.owner_email

        pin_set = self.pin_set

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        user_id: str | Unset = UNSET
        if not isinstance(self.user_id, Unset):
            user_id = str(self.user_id)

        wallet_id = self.wallet_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if balance is not UNSET:
            field_dict["balance"] = balance
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if currency is not UNSET:
            field_dict["currency"] = currency
        if freeze_reason is not UNSET:
            field_dict["freeze_reason"] = freeze_reason
        if frozen_at is not UNSET:
            field_dict["frozen_at"] = frozen_at
        if kyc_tier is not UNSET:
            field_dict["kyc_tier"] = kyc_tier
        if kyc_verified is not UNSET:
            field_dict["kyc_verified"] = kyc_verified
        if owner_email is not UNSET:
            field_dict["owner_email"] = owner_email
        if pin_set is not UNSET:
            field_dict["pin_set"] = pin_set
        if status is not UNSET:
            field_dict["status"] = status
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if wallet_id is not UNSET:
            field_dict["wallet_id"] = wallet_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        balance = d.pop("balance", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        currency = d.pop("currency", UNSET)

        def _parse_freeze_reason(
            data: object,
        ) -> (
            AdminWalletFreezeReasonType1
            | AdminWalletFreezeReasonType2Type1
            | AdminWalletFreezeReasonType3Type1
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                freeze_reason_type_1 = AdminWalletFreezeReasonType1(data)

                return freeze_reason_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                freeze_reason_type_2_type_1 = AdminWalletFreezeReasonType2Type1(data)

                return freeze_reason_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                freeze_reason_type_3_type_1 = AdminWalletFreezeReasonType3Type1(data)

                return freeze_reason_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                AdminWalletFreezeReasonType1
                | AdminWalletFreezeReasonType2Type1
                | AdminWalletFreezeReasonType3Type1
                | None
                | Unset,
                data,
            )

        freeze_reason = _parse_freeze_reason(d.pop("freeze_reason", UNSET))

        def _parse_frozen_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                frozen_at_type_0 = datetime.datetime.fromisoformat(data)

                return frozen_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        frozen_at = _parse_frozen_at(d.pop("frozen_at", UNSET))

        kyc_tier = d.pop("kyc_tier", UNSET)

        kyc_verified = d.pop("kyc_verified", UNSET)

        owner_email = d.pop("owner_email", UNSET)

        pin_set = d.pop("pin_set", UNSET)

        _status = d.pop("status", UNSET)
        status: AdminWalletStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = AdminWalletStatus(_status)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        _user_id = d.pop("user_id", UNSET)
        user_id: UUID | Unset
        if isinstance(_user_id, Unset):
            user_id = UNSET
        else:
            user_id = UUID(_user_id)

        wallet_id = d.pop("wallet_id", UNSET)

        admin_wallet = cls(
            balance=balance,
            created_at=created_at,
            currency=currency,
            freeze_reason=freeze_reason,
            frozen_at=frozen_at,
            kyc_tier=kyc_tier,
            kyc_verified=kyc_verified,
            owner_email=owner_email,
            pin_set=pin_set,
            status=status,
            updated_at=updated_at,
            user_id=user_id,
            wallet_id=wallet_id,
        )

        return admin_wallet
