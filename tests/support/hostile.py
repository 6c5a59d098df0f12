"""Hostile encodings, and every way of sending them to a route of the OpenAPI document:
in a body field (inside an otherwise valid body built from the document's examples),
as the whole body, as a path parameter, in the query string and in a header.

Bodies are raw JSON text, not Python objects: NaN, duplicate keys and lone surrogates
are exactly what a JSON encoder would refuse or tidy up on the way.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from tests.support import routes

OVER_DIGIT_LIMIT = "1" + "0" * 5000  # Python refuses to parse ints past 4300 digits
# A JSON value as raw text, by what it is.
VALUES = {
    "NaN": "NaN",
    "Infinity": "Infinity",
    "-Infinity": "-Infinity",
    "1e400": "1e400",
    "integer past the digit limit": OVER_DIGIT_LIMIT,
    "2**64": str(2 ** 64),
    "NUL in a string": '"a\\u0000b"',
    "lone surrogate": '"name \\ud800"',
    "lone low surrogate": '"\\udfff"',
    "NUL in a key": '{"\\u0000": 1}',
    "NaN in an object": '{"note": NaN}',
    "NUL in a list": '["\\u0000"]',
}
WHOLE_BODIES = {
    "arrays nested 5000 deep": "[" * 5000 + "]" * 5000,
    "objects nested 3000 deep": '{"a":' * 3000 + "1" + "}" * 3000,
    "objects nested 100 deep": '{"a":' * 100 + "1" + "}" * 100,
    "bare NaN": "NaN",
    "bare 1e400": "1e400",
    "bare lone surrogate": '"\\ud800"',
}
# Path parameters and query values as they appear in the URL (percent-encoded).
URL_VALUES = {
    "NUL": "%00",
    "NUL inside": "a%00b",
    "UTF-8 of a surrogate": "%ED%A0%80",
    "overlong UTF-8": "%C0%AF",
    "NaN": "NaN",
    "1e400": "1e400",
    "long digits": "9" * 5000,
}

# Header values (the route's declared headers, and the bearer token of every route).
HEADER_VALUES = {
    "NUL": "a\x00b",
    "long digits": "9" * 5000,
    "a preference past the digit limit": "wait=" + "9" * 5000,
    "NaN": "NaN",
}
AUTHORIZATION_VALUES = {"NUL in a token": "Bearer a\x00b.c.d",
                        "digits as a token": "Bearer " + "9" * 5000}


@dataclass
class Case:
    route: str
    what: str
    path_values: dict
    query: str = ""
    body: str | None = None
    headers: dict = field(default_factory=dict)


def example_body(schema: dict, schemas: dict, overrides: dict) -> dict:
    """A plausible body from the document: each property's example, first enum value,
    or a value of its type."""
    schema = _resolve(schema, schemas)
    body = {}
    for name, prop in schema.get("properties", {}).items():
        prop = _resolve(prop, schemas)
        if name in overrides:
            body[name] = overrides[name]
        elif "example" in prop:
            body[name] = prop["example"]
        elif prop.get("enum"):
            body[name] = prop["enum"][0]
        else:
            body[name] = {"integer": 1, "number": 1, "boolean": True, "array": [],
                          "object": {}}.get(prop.get("type"), "text")
    return body


def body_with(body: dict, field: str, raw_value: str) -> str:
    """The body as JSON text with `field`'s value replaced by raw JSON text."""
    marker = "\u2603MARK\u2603"
    return json.dumps({**body, field: marker}).replace(json.dumps(marker), raw_value)


def cases(document: dict, path_values: dict, overrides: dict) -> list[Case]:
    schemas, found = document["components"]["schemas"], []
    for path, item in document["paths"].items():
        if not path.startswith(routes.PREFIX + "/"):
            continue
        for method in routes.METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            route = f"{method.upper()} {path.removeprefix(routes.PREFIX)}"
            found += _path_cases(route, path_values)
            found += _query_cases(route, operation, path_values)
            found += _header_cases(route, operation, path_values,
                                   _example(operation, schemas, overrides))
            found += _body_cases(route, operation, schemas, path_values, overrides)
    return found


def _path_cases(route: str, path_values: dict) -> list[Case]:
    return [Case(route, f"path {name} = {label}", {**path_values, name: value})
            for name in routes.parameters(route) for label, value in URL_VALUES.items()]


def _query_cases(route: str, operation: dict, path_values: dict) -> list[Case]:
    names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
    found = [Case(route, "NUL in a query parameter's name", path_values, query="a%00b=1")]
    found += [Case(route, f"query {name} = {label}", path_values, query=f"{name}={value}")
              for name in names for label, value in URL_VALUES.items()]
    return found


def _header_cases(route: str, operation: dict, path_values: dict,
                  body: dict | None) -> list[Case]:
    # With a plausible body, so that the request gets as far as reading the header.
    text = None if body is None else json.dumps(body)
    names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "header"]
    found = [Case(route, f"header {name} = {label}", path_values, body=text,
                  headers={name: value})
             for name in names for label, value in HEADER_VALUES.items()]
    found += [Case(route, f"Authorization: {label}", path_values, body=text,
                   headers={"Authorization": value})
              for label, value in AUTHORIZATION_VALUES.items()]
    return found


def _example(operation: dict, schemas: dict, overrides: dict) -> dict | None:
    request_body = operation.get("requestBody")
    if not request_body:
        return None
    return example_body(request_body["content"]["application/json"]["schema"], schemas,
                        overrides)


def _body_cases(route, operation, schemas, path_values, overrides) -> list[Case]:
    body = _example(operation, schemas, overrides)
    if body is None:
        return []
    found = [Case(route, f"body {label}", path_values, body=text)
             for label, text in WHOLE_BODIES.items()]
    if body:
        first = next(iter(body))
        duplicated = json.dumps(body)[:-1] + f", {json.dumps(first)}: {json.dumps(body[first])}}}"
        found.append(Case(route, f"body repeats {first}", path_values, body=duplicated))
    found += [Case(route, f"body {field} = {label}", path_values, body=body_with(body, field, raw))
              for field in body for label, raw in VALUES.items()]
    return found


def _resolve(schema: dict, schemas: dict) -> dict:
    if "$ref" in schema:
        return schemas[schema["$ref"].rsplit("/", 1)[1]]
    if len(schema.get("allOf", [])) == 1:
        return _resolve(schema["allOf"][0], schemas)
    return schema
