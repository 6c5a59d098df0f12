"""The catalogue of system settings: every key an operator may change at run time, its
type, what it means, its default, and the check a new value must pass.

Values are stored as JSON in `system_settings` and read by their consumers on every
request or job, so a change takes effect without a restart. A key that is not in the
catalogue cannot be set: a typo must not silently create a setting nobody reads.

Today the catalogue holds the limits per KYC tier and action (`limits.tier<N>.<action>`).
Their defaults and keys live in domain/tier_limits.py, so that one table of numbers
serves the catalogue and the limit checks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from domain import errors
from domain.limits import ACTIONS, FIELDS, Limits, incoherences
from domain.money import format_amount, parse_amount
from domain.tier_limits import TIER_LIMIT_DEFAULTS, limits_key

LIMITS_TYPE = "limits"


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: str
    description: str
    default: Any
    # Returns the value to store (normalised JSON); raises InvalidSettingValue.
    check: Callable[[Any], Any]


def check_limits(value: Any) -> dict[str, str]:
    """An object of exactly the three limits, each a positive amount with at most two
    decimals given as a string, with per_transaction <= daily <= monthly."""
    if not isinstance(value, dict):
        raise errors.InvalidSettingValue([f"Must be an object with {', '.join(FIELDS)}"])
    problems = {name: ["Unknown field."] for name in value if name not in FIELDS}
    amounts = {}
    for name in FIELDS:
        if name not in value:
            problems[name] = ["Missing data for required field."]
            continue
        try:
            amounts[name] = parse_amount(value[name])
        except ValueError as exc:
            problems[name] = [str(exc)]
    if not problems:
        problems = incoherences(Limits(**amounts))
    if problems:
        raise errors.InvalidSettingValue(problems)
    return {name: format_amount(amount) for name, amount in amounts.items()}


def _limits_spec(tier: int, action: str, default: Limits) -> SettingSpec:
    return SettingSpec(
        key=limits_key(tier, action),
        type=LIMITS_TYPE,
        description=f"{action} limits of a wallet at KYC tier {tier} (tier 0: before KYC "
                    "approval) unless it has its own: per transaction, daily and monthly, "
                    "as money strings with per_transaction <= daily <= monthly",
        default={name: format_amount(amount) for name, amount in default.as_dict().items()},
        check=check_limits,
    )


def build(tier_limit_defaults: Mapping[int, Mapping[str, Limits]] = TIER_LIMIT_DEFAULTS,
          ) -> dict[str, SettingSpec]:
    """The catalogue, keyed and ordered by setting key."""
    specs = [_limits_spec(tier, action, limits[action])
             for tier, limits in sorted(tier_limit_defaults.items()) for action in ACTIONS]
    return {spec.key: spec for spec in specs}


def spec_of(catalogue: Mapping[str, SettingSpec], key: str) -> SettingSpec:
    try:
        return catalogue[key]
    except KeyError:
        raise errors.SettingNotFound(details={"key": key}) from None
