from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.reconciliation_run_trigger import ReconciliationRunTrigger
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.violation import Violation


T = TypeVar("T", bound="ReconciliationRun")


@_attrs_define
class ReconciliationRun:
    """
    Attributes:
        finished_at (datetime.datetime | None | Unset): null while pending
        ok (bool | None | Unset): null while pending
        requested_at (datetime.datetime | Unset):
        requested_by (None | Unset | UUID):
        run_id (UUID | Unset):
        started_at (datetime.datetime | None | Unset):
        trigger (ReconciliationRunTrigger | Unset):
        violations (list[Violation] | Unset):
    """

    finished_at: datetime.datetime | None | Unset = UNSET
    ok: bool | None | Unset = UNSET
    requested_at: datetime.datetime | Unset = UNSET
    requested_by: None | Unset | UUID = UNSET
    run_id: UUID | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    trigger: ReconciliationRunTrigger | Unset = UNSET
    violations: list[Violation] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        ok: bool | None | Unset
        if isinstance(self.ok, Unset):
            ok = UNSET
        else:
            ok = self.ok

        requested_at: str | Unset = UNSET
        if not isinstance(self.requested_at, Unset):
            requested_at = self.requested_at.isoformat()

        requested_by: None | str | Unset
        if isinstance(self.requested_by, Unset):
            requested_by = UNSET
        elif isinstance(self.requested_by, UUID):
            requested_by = str(self.requested_by)
        else:
            requested_by = self.requested_by

        run_id: str | Unset = UNSET
        if not isinstance(self.run_id, Unset):
            run_id = str(self.run_id)

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        trigger: str | Unset = UNSET
        if not isinstance(self.trigger, Unset):
            trigger = self.trigger.value

        violations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.violations, Unset):
            violations = []
            for violations_item_data in self.violations:
                violations_item = violations_item_data.to_dict()
                violations.append(violations_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if ok is not UNSET:
            field_dict["ok"] = ok
        if requested_at is not UNSET:
            field_dict["requested_at"] = requested_at
        if requested_by is not UNSET:
            field_dict["requested_by"] = requested_by
        if run_id is not UNSET:
            field_dict["run_id"] = run_id
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if violations is not UNSET:
            field_dict["violations"] = violations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.violation import Violation  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_ok(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        ok = _parse_ok(d.pop("ok", UNSET))

        _requested_at = d.pop("requested_at", UNSET)
        requested_at: datetime.datetime | Unset
        if isinstance(_requested_at, Unset):
            requested_at = UNSET
        else:
            requested_at = datetime.datetime.fromisoformat(_requested_at)

        def _parse_requested_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                requested_by_type_0 = UUID(data)

                return requested_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        requested_by = _parse_requested_by(d.pop("requested_by", UNSET))

        _run_id = d.pop("run_id", UNSET)
        run_id: UUID | Unset
        if isinstance(_run_id, Unset):
            run_id = UNSET
        else:
            run_id = UUID(_run_id)

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        _trigger = d.pop("trigger", UNSET)
        trigger: ReconciliationRunTrigger | Unset
        if isinstance(_trigger, Unset):
            trigger = UNSET
        else:
            trigger = ReconciliationRunTrigger(_trigger)

        _violations = d.pop("violations", UNSET)
        violations: list[Violation] | Unset = UNSET
        if _violations is not UNSET:
            violations = []
            for violations_item_data in _violations:
                violations_item = Violation.from_dict(violations_item_data)

                violations.append(violations_item)

        reconciliation_run = cls(
            finished_at=finished_at,
            ok=ok,
            requested_at=requested_at,
            requested_by=requested_by,
            run_id=run_id,
            started_at=started_at,
            trigger=trigger,
            violations=violations,
        )

        return reconciliation_run
