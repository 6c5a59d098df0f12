from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.user_role import UserRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """
    Attributes:
        created_at (datetime.datetime | Unset):
        email (str | Unset):
        full_name (str | Unset):
        is_active (bool | Unset):
        role (UserRole | Unset):
        user_id (UUID | Unset):
    """

    created_at: datetime.datetime | Unset = UNSET
    email: str | Unset = UNSET
    full_name: str | Unset = UNSET
    is_active: bool | Unset = UNSET
    role: UserRole | Unset = UNSET
    user_id: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        email = self.email

        full_name = self.full_name

        is_active = self.is_active

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        user_id: str | Unset = UNSET
        if not isinstance(self.user_id, Unset):
            user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if email is not UNSET:
            field_dict["email"] = email
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if role is not UNSET:
            field_dict["role"] = role
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        email = d.pop("email", UNSET)

        full_name = d.pop("full_name", UNSET)

        is_active = d.pop("is_active", UNSET)

        _role = d.pop("role", UNSET)
        role: UserRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = UserRole(_role)

        _user_id = d.pop("user_id", UNSET)
        user_id: UUID | Unset
        if isinstance(_user_id, Unset):
            user_id = UNSET
        else:
            user_id = UUID(_user_id)

        user = cls(
            created_at=created_at,
            email=email,
            full_name=full_name,
            is_active=is_active,
            role=role,
            user_id=user_id,
        )

        return user
