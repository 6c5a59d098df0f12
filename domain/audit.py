"""The audit chain: each row's hash covers its content and the previous row's hash,
so editing or removing any row breaks every link after it."""
from __future__ import annotations

import hashlib
import json
from typing import Any

# Upper-case verbs, one per privileged action.
FREEZE_WALLET, UNFREEZE_WALLET = "FREEZE_WALLET", "UNFREEZE_WALLET"
APPROVED_KYC, REJECTED_KYC, VIEWED_KYC_DOCUMENT = "APPROVED_KYC", "REJECTED_KYC", "VIEWED_KYC_DOCUMENT"
CHANGE_ROLE, DEACTIVATE_USER, REACTIVATE_USER = "CHANGE_ROLE", "DEACTIVATE_USER", "REACTIVATE_USER"
UPDATE_SETTING, OVERRIDE_LIMIT, RESOLVE_DISPUTE = "UPDATE_SETTING", "OVERRIDE_LIMIT", "RESOLVE_DISPUTE"
PIN_LOCKOUT, PIN_RESET, AUTO_UNFREEZE = "PIN_LOCKOUT", "PIN_RESET", "AUTO_UNFREEZE"
ROTATE_KYC_KEY = "ROTATE_KYC_KEY"
VOID_HOLD = "VOID_HOLD"  # a moderator (not a party) voids someone's hold
# The user's own security events, so that support can reconstruct who did what
# (never with any PIN value).
SELF_FREEZE, SELF_UNFREEZE, CLOSE_WALLET = "SELF_FREEZE", "SELF_UNFREEZE", "CLOSE_WALLET"
IP_CONFIRMED, IP_REMOVED = "IP_CONFIRMED", "IP_REMOVED"
PIN_CHANGE, PIN_FAILED = "PIN_CHANGE", "PIN_FAILED"
# Multi-currency (API.md section 17).
UPDATE_FX_RATE = "UPDATE_FX_RATE"


def chain_hash(prev_hash: str | None, content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{prev_hash or ''}|{canonical}".encode()).hexdigest()
