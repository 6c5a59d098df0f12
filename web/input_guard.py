"""What the app accepts from outside before any schema sees it: one strict JSON decoder
for every body, and one guard for path parameters and query strings.

Python's `json` accepts things a payments API must not: NaN and Infinity (not JSON at
all), numbers that only overflow later (`1e400` becomes inf, an integer past Python's
digit limit raises ValueError), duplicate keys (the last one silently wins, while a
proxy or a signature check may have read the first), and nesting deep enough to
exhaust the stack. Those are refused as malformed JSON (400). Text PostgreSQL cannot
store (a NUL character) or UTF-8 cannot encode (an unpaired surrogate) is refused as a
validation error (422) naming the field, wherever it arrives: body, path or query.
"""
from __future__ import annotations

import json
import math
from typing import Any

from flask import request
from flask.json.provider import DefaultJSONProvider

from domain import errors

# Deeper than any body of ours needs (top-up metadata is the deepest, a few levels),
# shallow enough that no walk over the value comes near the recursion limit.
MAX_DEPTH = 32
UNSTORABLE_TEXT = "Contains a NUL character or an unpaired surrogate, which is not accepted."


def load_json(text: str | bytes) -> Any:
    """A request body, decoded strictly; refusals are client errors in the envelope."""
    try:
        value = json.loads(text, object_pairs_hook=_refuse_duplicate_keys,
                           parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise errors.MalformedJson(f"Request body is nested deeper than {MAX_DEPTH} levels") from None
    except errors.VaultPayError:
        raise
    except ValueError as exc:  # JSONDecodeError, bad UTF-8, an integer past the digit limit
        raise errors.MalformedJson() from exc
    _check_depth_and_text(value)
    return value


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON for the app: `request.get_json()` decodes as strictly as the parser."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return load_json(s)


def refuse_unstorable_path_and_query() -> None:
    """before_request: a NUL or a lone surrogate in a path parameter or the query string
    would otherwise reach a query and fail there, as a 500."""
    found = {name: [UNSTORABLE_TEXT] for name, value in (request.view_args or {}).items()
             if isinstance(value, str) and unstorable(value)}
    found.update({name if not unstorable(name) else "_query": [UNSTORABLE_TEXT]
                  for name, value in request.args.items(multi=True)
                  if unstorable(name) or unstorable(value)})
    if found:
        raise errors.ValidationFailed(details=found)


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    value = dict(pairs)
    if len(value) != len(pairs):
        raise errors.MalformedJson("Request body repeats a key in one object")
    return value


def _refuse_constant(name: str) -> None:
    raise errors.MalformedJson(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise errors.MalformedJson("Request body has a number out of range")
    return number


def _check_depth_and_text(value: Any) -> None:
    """One pass over the decoded body, without recursion."""
    bad: dict[str, list[str]] = {}
    pending: list[tuple[str, Any, int]] = [("", value, 1)]
    while pending:
        path, item, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise errors.MalformedJson(f"Request body is nested deeper than {MAX_DEPTH} levels")
        if isinstance(item, str):
            if unstorable(item):
                bad[path or "_schema"] = [UNSTORABLE_TEXT]
        elif isinstance(item, dict):
            for key, child in item.items():
                child_path = _join(path, key)
                if unstorable(key):
                    bad[_join(path, "_key")] = [UNSTORABLE_TEXT]
                    continue
                pending.append((child_path, child, depth + 1))
        elif isinstance(item, list):
            pending.extend((_join(path, str(i)), child, depth + 1) for i, child in enumerate(item))
    if bad:
        raise errors.ValidationFailed(details=bad)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def unstorable(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
