from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stats_operations_by_status import StatsOperationsByStatus
    from ..models.stats_total_transaction_volume import StatsTotalTransactionVolume
    from ..models.stats_transaction_volume_by_currency import StatsTransactionVolumeByCurrency


T = TypeVar("T", bound="Stats")


@_attrs_define
class Stats:
    """
    Attributes:
        active_wallets (int | Unset):
        closed_wallets (int | Unset):
        frozen_wallets (int | Unset):
        open_disputes (int | Unset):
        operations_by_status (StatsOperationsByStatus | Unset): Number of operations in each state
        pending_kyc_count (int | Unset):
        total_transaction_volume (StatsTotalTransactionVolume | Unset): Sum of completed operation amounts by operation
            type, in whatever currency each was: with more than one currency, read transaction_volume_by_currency
        total_users (int | Unset):
        total_wallets (int | Unset):
        transaction_volume_by_currency (StatsTransactionVolumeByCurrency | Unset): The same sums kept apart by the
            operations' currency
    """

    active_wallets: int | Unset = UNSET
    closed_wallets: int | Unset = UNSET
    frozen_wallets: int | Unset = UNSET
    open_disputes: int | Unset = UNSET
    operations_by_status: StatsOperationsByStatus | Unset = UNSET
    pending_kyc_count: int | Unset = UNSET
    total_transaction_volume: StatsTotalTransactionVolume | Unset = UNSET
    total_users: int | Unset = UNSET
    total_wallets: int | Unset = UNSET
    transaction_volume_by_currency: StatsTransactionVolumeByCurrency | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        active_wallets = self.active_wallets

        closed_wallets = self.closed_wallets

        frozen_wallets = self.frozen_wallets

        open_disputes = self.open_disputes

        operations_by_status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.operations_by_status, Unset):
            operations_by_status = self.operations_by_status.to_dict()

        pending_kyc_count = self.pending_kyc_count

        total_transaction_volume: dict[str, Any] | Unset = UNSET
        if not isinstance(self.total_transaction_volume, Unset):
            total_transaction_volume = self.total_transaction_volume.to_dict()

        total_users = self.total_users

        total_wallets = self.total_wallets

        transaction_volume_by_currency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.transaction_volume_by_currency, Unset):
            transaction_volume_by_currency = self.transaction_volume_by_currency.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if active_wallets is not UNSET:
            field_dict["active_wallets"] = active_wallets
        if closed_wallets is not UNSET:
            field_dict["closed_wallets"] = closed_wallets
        if frozen_wallets is not UNSET:
            field_dict["frozen_wallets"] = frozen_wallets
        if open_disputes is not UNSET:
            field_dict["open_disputes"] = open_disputes
        if operations_by_status is not UNSET:
            field_dict["operations_by_status"] = operations_by_status
        if pending_kyc_count is not UNSET:
            field_dict["pending_kyc_count"] = pending_kyc_count
        if total_transaction_volume is not UNSET:
            field_dict["total_transaction_volume"] = total_transaction_volume
        if total_users is not UNSET:
            field_dict["total_users"] = total_users
        if total_wallets is not UNSET:
            field_dict["total_wallets"] = total_wallets
        if transaction_volume_by_currency is not UNSET:
            field_dict["transaction_volume_by_currency"] = transaction_volume_by_currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stats_operations_by_status import StatsOperationsByStatus  # noqa: PLC0415
        from ..models.stats_total_transaction_volume import StatsTotalTransactionVolume  # noqa: PLC0415
        from ..models.stats_transaction_volume_by_currency import StatsTransactionVolumeByCurrency  # noqa: PLC0415

        d = dict(src_dict)
        active_wallets = d.pop("active_wallets", UNSET)

        closed_wallets = d.pop("closed_wallets", UNSET)

        frozen_wallets = d.pop("frozen_wallets", UNSET)

        open_disputes = d.pop("open_disputes", UNSET)

        _operations_by_status = d.pop("operations_by_status", UNSET)
        operations_by_status: StatsOperationsByStatus | Unset
        if isinstance(_operations_by_status, Unset):
            operations_by_status = UNSET
        else:
            operations_by_status = StatsOperationsByStatus.from_dict(_operations_by_status)

        pending_kyc_count = d.pop("pending_kyc_count", UNSET)

        _total_transaction_volume = d.pop("total_transaction_volume", UNSET)
        total_transaction_volume: StatsTotalTransactionVolume | Unset
        if isinstance(_total_transaction_volume, Unset):
            total_transaction_volume = UNSET
        else:
            total_transaction_volume = StatsTotalTransactionVolume.from_dict(_total_transaction_volume)

        total_users = d.pop("total_users", UNSET)

        total_wallets = d.pop("total_wallets", UNSET)

        _transaction_volume_by_currency = d.pop("transaction_volume_by_currency", UNSET)
        transaction_volume_by_currency: StatsTransactionVolumeByCurrency | Unset
        if isinstance(_transaction_volume_by_currency, Unset):
            transaction_volume_by_currency = UNSET
        else:
            transaction_volume_by_currency = StatsTransactionVolumeByCurrency.from_dict(_transaction_volume_by_currency)

        stats = cls(
            active_wallets=active_wallets,
            closed_wallets=closed_wallets,
            frozen_wallets=frozen_wallets,
            open_disputes=open_disputes,
            operations_by_status=operations_by_status,
            pending_kyc_count=pending_kyc_count,
            total_transaction_volume=total_transaction_volume,
            total_users=total_users,
            total_wallets=total_wallets,
            transaction_volume_by_currency=transaction_volume_by_currency,
        )

        return stats
