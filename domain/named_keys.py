"""Secret keys configured as `"<id>:<base64 key>,<id>:<base64 key>"`, one of them named
current elsewhere: the shape of KYC_ENCRYPTION_KEYS and PIN_PEPPER_KEYS, so that a key
can rotate (new data under the current id, older data still readable by its own id).
"""
from __future__ import annotations

import base64
import binascii
import re

_KEY_ID_RE = re.compile(r"[A-Za-z0-9_.-]{1,32}")


def parse_named_keys(spec: str, label: str, size: int) -> dict[str, bytes]:
    """`"k1:<base64>,k2:<base64>"` -> {key id: key bytes}. Errors never echo a key.

    `label` names the setting in error messages ("KYC", "PIN pepper"); every key must
    decode to exactly `size` bytes.
    """
    keys: dict[str, bytes] = {}
    for entry in filter(None, (part.strip() for part in spec.split(","))):
        key_id, sep, encoded = entry.partition(":")
        if not sep or not _KEY_ID_RE.fullmatch(key_id):
            raise ValueError(f"{label} key entries look like <id>:<base64 key>, id of [A-Za-z0-9_.-]")
        if key_id in keys:
            raise ValueError(f"{label} key id {key_id!r} appears twice")
        keys[key_id] = _decode_key(label, key_id, encoded, size)
    if not keys:
        raise ValueError(f"at least one {label} key is required")
    return keys


def _decode_key(label: str, key_id: str, encoded: str, size: int) -> bytes:
    try:
        key = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"{label} key {key_id!r} is not valid base64") from None
    if len(key) != size:
        raise ValueError(f"{label} key {key_id!r} must be {size} bytes")
    return key
