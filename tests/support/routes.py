"""Every route of the API as its OpenAPI document lists it, and a way to fill in its
path parameters."""
from __future__ import annotations

import re

from tests.support.api import PREFIX

METHODS = ("get", "post", "put", "patch", "delete")
# A well-formed id that no row has, for "not found" cases and unfilled path parameters.
# Fixed, not drawn per run: every pytest-xdist process must collect the same test ids.
NOWHERE = "00000000-0000-4000-8000-000000000000"
_PARAMETER = re.compile(r"\{([^{}]+)\}")


def openapi_document(client) -> dict:
    response = client.get(PREFIX + "/openapi.json")
    assert response.status_code == 200
    return response.json


def api_routes(client) -> list[str]:
    """"METHOD /path/{param}" for every operation under /api/v1, without the prefix."""
    found = []
    for path, item in openapi_document(client)["paths"].items():
        if not path.startswith(PREFIX + "/"):
            continue
        found += [f"{method.upper()} {path.removeprefix(PREFIX)}"
                  for method in METHODS if method in item]
    return sorted(found)


def parameters(route: str) -> list[str]:
    return _PARAMETER.findall(route)


def concrete(path: str, values: dict[str, str]) -> str:
    return _PARAMETER.sub(lambda match: values[match.group(1)], path)


def call(client, route: str, headers: dict | None = None, values: dict | None = None,
         body: dict | None = None):
    """One call of a route: path parameters from `values`, a JSON body (default: {})
    for the methods that take one."""
    method, path = route.split(" ", 1)
    kwargs = {}
    if method in ("POST", "PUT", "PATCH"):
        kwargs["json"] = {} if body is None else body
    return client.open(PREFIX + concrete(path, values or {}), method=method,
                       headers=headers or {}, **kwargs)
