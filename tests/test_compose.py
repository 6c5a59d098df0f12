"""docker-compose.yml, read the way compose reads it (YAML, then ${...} interpolation
from the environment; no Docker engine needed): it refuses to start without a mode
and real signing keys, development is only ever chosen explicitly, and the ports are
not published to the world by default."""
from __future__ import annotations

import re

import pytest
import yaml

import settings
from tests.conftest import ROOT

REQUIRED = ("VAULTPAY_ENV", "JWT_SECRET_KEY", "SECRET_KEY")
KEYS = {"JWT_SECRET_KEY": "k" * 40, "SECRET_KEY": "s" * 40}
# Compose's interpolation: $$, $NAME, ${NAME}, and ${NAME<op>word} with the operators
# :- - :? ? :+ + (https://docs.docker.com/reference/compose-file/interpolation/).
_VARIABLE = re.compile(r"\$(?:(?P<escaped>\$)|(?P<bare>[A-Za-z_]\w*)|\{(?P<braced>[^}]*)\})")
_BRACED = re.compile(r"^(?P<name>[A-Za-z_]\w*)(?:(?P<op>:-|-|:\?|\?|:\+|\+)(?P<word>.*))?$", re.S)


class Refused(Exception):
    """What compose does with a ${NAME:?message} whose variable is unset or empty."""


def interpolate(text: str, env: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        if match["escaped"]:
            return "$"
        if match["bare"]:
            return env.get(match["bare"], "")
        braced = _BRACED.match(match["braced"])
        assert braced, f"compose cannot parse ${{{match['braced']}}}"
        name, op, word = braced["name"], braced["op"], braced["word"]
        value, unset = env.get(name), name not in env
        missing = unset or (op and op.startswith(":") and value == "")
        if op in (":-", "-"):
            return word if missing else value
        if op in (":?", "?"):
            if missing:
                raise Refused(f"{name}: {word}")
            return value
        if op in (":+", "+"):
            return "" if missing else word
        return value or ""
    return _VARIABLE.sub(one, text)


def resolve(node, env: dict[str, str]):
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, dict):
        return {key: resolve(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(value, env) for value in node]
    return node


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def development() -> dict[str, str]:
    return {"VAULTPAY_ENV": "development", **KEYS}


@pytest.mark.parametrize("name", REQUIRED)
@pytest.mark.parametrize("value", [None, ""], ids=["unset", "empty"])
def test_compose_refuses_to_start_without_a_mode_and_both_signing_keys(compose, name, value):
    env = development()
    env.pop(name)
    if value is not None:
        env[name] = value
    with pytest.raises(Refused, match=name):
        resolve(compose, env)


def test_development_is_chosen_explicitly_with_keys_of_ones_own(compose):
    resolved = resolve(compose, development())
    api = resolved["services"]["api"]["environment"]
    assert {name: api[name] for name in REQUIRED} == development()
    text = (ROOT / "docker-compose.yml").read_text()
    assert settings.DEV_SECRET not in text and settings.DEV_KYC_KEYS not in text


def test_no_secret_of_any_service_falls_back_to_a_default(compose):
    resolved = resolve(compose, development())
    for name, service in resolved["services"].items():
        for variable, value in (service.get("environment") or {}).items():
            # Passed through only when set (settings' own checks apply), never given a
            # value; the database's development password is on a port never published.
            if re.search(r"KEY|SECRET|PASSWORD", variable) and variable not in KEYS and (
                    variable != "POSTGRES_PASSWORD"):
                assert value in (None, ""), (name, variable, value)


def test_the_api_in_production_mode_refuses_to_start_on_the_signing_keys_alone(
        compose, monkeypatch):
    api = resolve(compose, {**development(), "VAULTPAY_ENV": "production"})["services"]["api"]
    for variable, value in api["environment"].items():
        if value is None:  # "NAME:" with no value: passed through only if set
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    with pytest.raises(RuntimeError):
        settings.load()


def test_ports_are_published_on_the_loopback_address_unless_said_otherwise(compose):
    default = resolve(compose, development())["services"]
    chosen = resolve(compose, {**development(), "PUBLISH_ADDRESS": "0.0.0.0"})["services"]
    published = [service for service in default.values() if service.get("ports")]
    assert published and all(port.startswith("127.0.0.1:") for service in published
                             for port in service["ports"])
    assert chosen["api"]["ports"] == ["0.0.0.0:8000:8000"]
