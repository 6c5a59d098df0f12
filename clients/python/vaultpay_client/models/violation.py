from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.violation_invariant import ViolationInvariant
from ..types import UNSET, Unset

T = TypeVar("T", bound="Violation")


@_attrs_define
class Violation:
    """
    Attributes:
        detail (str | Unset):
        invariant (ViolationInvariant | Unset):
        subject (str | Unset): The currency, account, journal or operation
    """

    detail: str | Unset = UNSET
    invariant: ViolationInvariant | Unset = UNSET
    subject: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        invariant: str | Unset = UNSET
        if not isinstance(self.invariant, Unset):
            invariant = self.invariant.value

        subject = self.subject

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if detail is not UNSET:
            field_dict["detail"] = detail
        if invariant is not UNSET:
            field_dict["invariant"] = invariant
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detail = d.pop("detail", UNSET)

        _invariant = d.pop("invariant", UNSET)
        invariant: ViolationInvariant | Unset
        if isinstance(_invariant, Unset):
            invariant = UNSET
        else:
            invariant = ViolationInvariant(_invariant)

        subject = d.pop("subject", UNSET)

        violation = cls(
            detail=detail,
            invariant=invariant,
            subject=subject,
        )

        return violation
