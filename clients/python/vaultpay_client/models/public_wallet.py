from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.public_wallet_status import PublicWalletStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicWallet")


@_attrs_define
class PublicWallet:
    """
    Attributes:
        currency (str | Unset):  Example: INR.
        owner_name (str | Unset): Masked full name Example: R**i G***a.
        status (PublicWalletStatus | Unset):
        wallet_id (str | Unset):  Example: VPY-7Q2M9K.
    """

    currency: str | Unset = UNSET
    owner_name: str | Unset = UNSET
    status: PublicWalletStatus | Unset = UNSET
    wallet_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        owner_name = self.owner_name

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        wallet_id = self.wallet_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if currency is not UNSET:
            field_dict["currency"] = currency
        if owner_name is not UNSET:
            field_dict["owner_name"] = owner_name
        if status is not UNSET:
            field_dict["status"] = status
        if wallet_id is not UNSET:
            field_dict["wallet_id"] = wallet_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency", UNSET)

        owner_name = d.pop("owner_name", UNSET)

        _status = d.pop("status", UNSET)
        status: PublicWalletStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = PublicWalletStatus(_status)

        wallet_id = d.pop("wallet_id", UNSET)

        public_wallet = cls(
            currency=currency,
            owner_name=owner_name,
            status=status,
            wallet_id=wallet_id,
        )

        return public_wallet
