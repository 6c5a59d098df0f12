from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TrustedIp")


@_attrs_define
class TrustedIp:
    """
    Attributes:
        expires_at (datetime.datetime | Unset):
        ip_id (UUID | Unset): Use it to revoke this IP
        ip_masked (str | Unset): The last 8 hex digits of the IP's keyed hash Example: ***a3f9b2c1.
        revoked_at (datetime.datetime | None | Unset):
        trusted_at (datetime.datetime | Unset):
    """

    expires_at: datetime.datetime | Unset = UNSET
    ip_id: UUID | Unset = UNSET
    ip_masked: str | Unset = UNSET
    revoked_at: datetime.datetime | None | Unset = UNSET
    trusted_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        ip_id: str | Unset = UNSET
        if not isinstance(self.ip_id, Unset):
            ip_id = str(self.ip_id)

        ip_masked = self.ip_masked

        revoked_at: None | str | Unset
        if isinstance(self.revoked_at, Unset):
            revoked_at = UNSET
        elif isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        trusted_at: str | Unset = UNSET
        if not isinstance(self.trusted_at, Unset):
            trusted_at = self.trusted_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if ip_id is not UNSET:
            field_dict["ip_id"] = ip_id
        if ip_masked is not UNSET:
            field_dict["ip_masked"] = ip_masked
        if revoked_at is not UNSET:
            field_dict["revoked_at"] = revoked_at
        if trusted_at is not UNSET:
            field_dict["trusted_at"] = trusted_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        _ip_id = d.pop("ip_id", UNSET)
        ip_id: UUID | Unset
        if isinstance(_ip_id, Unset):
            ip_id = UNSET
        else:
            ip_id = UUID(_ip_id)

        ip_masked = d.pop("ip_masked", UNSET)

        def _parse_revoked_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at", UNSET))

        _trusted_at = d.pop("trusted_at", UNSET)
        trusted_at: datetime.datetime | Unset
        if isinstance(_trusted_at, Unset):
            trusted_at = UNSET
        else:
            trusted_at = datetime.datetime.fromisoformat(_trusted_at)

        trusted_ip = cls(
            expires_at=expires_at,
            ip_id=ip_id,
            ip_masked=ip_masked,
            revoked_at=revoked_at,
            trusted_at=trusted_at,
        )

        return trusted_ip
