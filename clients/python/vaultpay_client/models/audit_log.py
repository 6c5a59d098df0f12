from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_log_after_state_type_0 import AuditLogAfterStateType0
    from ..models.audit_log_before_state_type_0 import AuditLogBeforeStateType0


T = TypeVar("T", bound="AuditLog")


@_attrs_define
class AuditLog:
    """
    Attributes:
        action (str | Unset):  Example: FREEZE_WALLET.
        actor_id (None | Unset | UUID): null for the system
        actor_role (None | str | Unset):
        after_state (AuditLogAfterStateType0 | None | Unset):
        audit_id (UUID | Unset):
        before_state (AuditLogBeforeStateType0 | None | Unset):
        created_at (datetime.datetime | Unset):
        hash_ (str | Unset):
        id (int | Unset): Position in the hash chain
        ip_address (None | str | Unset):
        prev_hash (None | str | Unset):
        reason (None | str | Unset):
        request_id (None | str | Unset):
        target_id (None | str | Unset):
        target_type (str | Unset):
    """

    action: str | Unset = UNSET
    actor_id: None | Unset | UUID = UNSET
    actor_role: None | str | Unset = UNSET
    after_state: AuditLogAfterStateType0 | None | Unset = UNSET
    audit_id: UUID | Unset = UNSET
    before_state: AuditLogBeforeStateType0 | None | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    hash_: str | Unset = UNSET
    id: int | Unset = UNSET
    ip_address: None | str | Unset = UNSET
    prev_hash: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    request_id: None | str | Unset = UNSET
    target_id: None | str | Unset = UNSET
    target_type: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_log_after_state_type_0 import AuditLogAfterStateType0  # noqa: PLC0415
        from ..models.audit_log_before_state_type_0 import AuditLogBeforeStateType0  # noqa: PLC0415

        action = self.action

        actor_id: None | str | Unset
        if isinstance(self.actor_id, Unset):
            actor_id = UNSET
        elif isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        actor_role: None | str | Unset
        if isinstance(self.actor_role, Unset):
            actor_role = UNSET
        else:
            actor_role = self.actor_role

        after_state: dict[str, Any] | None | Unset
        if isinstance(self.after_state, Unset):
            after_state = UNSET
        elif isinstance(self.after_state, AuditLogAfterStateType0):
            after_state = self.after_state.to_dict()
        else:
            after_state = self.after_state

        audit_id: str | Unset = UNSET
        if not isinstance(self.audit_id, Unset):
            audit_id = str(self.audit_id)

        before_state: dict[str, Any] | None | Unset
        if isinstance(self.before_state, Unset):
            before_state = UNSET
        elif isinstance(self.before_state, AuditLogBeforeStateType0):
            before_state = self.before_state.to_dict()
        else:
            before_state = self.before_state

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        hash_ = self.hash_

        id = self.id

        ip_address: None | str | Unset
        if isinstance(self.ip_address, Unset):
            ip_address = UNSET
        else:
            ip_address = self.ip_address

        prev_hash: None | str | Unset
        if isinstance(self.prev_hash, Unset):
            prev_hash = UNSET
        else:
            prev_hash = self.prev_hash

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        target_id: None | str | Unset
        if isinstance(self.target_id, Unset):
            target_id = UNSET
        else:
            target_id = self.target_id

        target_type = self.target_type

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id
        if actor_role is not UNSET:
            field_dict["actor_role"] = actor_role
        if after_state is not UNSET:
            field_dict["after_state"] = after_state
        if audit_id is not UNSET:
            field_dict["audit_id"] = audit_id
        if before_state is not UNSET:
            field_dict["before_state"] = before_state
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if hash_ is not UNSET:
            field_dict["hash"] = hash_
        if id is not UNSET:
            field_dict["id"] = id
        if ip_address is not UNSET:
            field_dict["ip_address"] = ip_address
        if prev_hash is not UNSET:
            field_dict["prev_hash"] = prev_hash
        if reason is not UNSET:
            field_dict["reason"] = reason
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if target_id is not UNSET:
            field_dict["target_id"] = target_id
        if target_type is not UNSET:
            field_dict["target_type"] = target_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_log_after_state_type_0 import AuditLogAfterStateType0  # noqa: PLC0415
        from ..models.audit_log_before_state_type_0 import AuditLogBeforeStateType0  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action", UNSET)

        def _parse_actor_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id", UNSET))

        def _parse_actor_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_role = _parse_actor_role(d.pop("actor_role", UNSET))

        def _parse_after_state(data: object) -> AuditLogAfterStateType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_state_type_0 = AuditLogAfterStateType0.from_dict(data)

                return after_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditLogAfterStateType0 | None | Unset, data)

        after_state = _parse_after_state(d.pop("after_state", UNSET))

        _audit_id = d.pop("audit_id", UNSET)
        audit_id: UUID | Unset
        if isinstance(_audit_id, Unset):
            audit_id = UNSET
        else:
            audit_id = UUID(_audit_id)

        def _parse_before_state(data: object) -> AuditLogBeforeStateType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_state_type_0 = AuditLogBeforeStateType0.from_dict(data)

                return before_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditLogBeforeStateType0 | None | Unset, data)

        before_state = _parse_before_state(d.pop("before_state", UNSET))

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        hash_ = d.pop("hash", UNSET)

        id = d.pop("id", UNSET)

        def _parse_ip_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ip_address = _parse_ip_address(d.pop("ip_address", UNSET))

        def _parse_prev_hash(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prev_hash = _parse_prev_hash(d.pop("prev_hash", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        def _parse_target_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_id = _parse_target_id(d.pop("target_id", UNSET))

        target_type = d.pop("target_type", UNSET)

        audit_log = cls(
            action=action,
            actor_id=actor_id,
            actor_role=actor_role,
            after_state=after_state,
            audit_id=audit_id,
            before_state=before_state,
            created_at=created_at,
            hash_=hash_,
            id=id,
            ip_address=ip_address,
            prev_hash=prev_hash,
            reason=reason,
            request_id=request_id,
            target_id=target_id,
            target_type=target_type,
        )

        return audit_log
