"""Which servers `make up` / `make test` embed: configured or answering ones first,
EMBEDDED=1 forces the embedded ones, EMBEDDED=0 refuses to fall back."""
from __future__ import annotations

import socket

import pytest

from embedded import EmbeddedRefused, plan


@pytest.fixture()
def silent_ports():
    """Two loopback ports nothing listens on."""
    probes = [socket.socket(), socket.socket()]
    for probe in probes:
        probe.bind(("127.0.0.1", 0))
    ports = tuple(probe.getsockname()[1] for probe in probes)
    for probe in probes:
        probe.close()
    return ports


@pytest.fixture()
def listening_port():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def test_nothing_configured_or_answering_embeds_both(silent_ports):
    assert plan({}, ports=silent_ports) == {"postgres", "redis"}


def test_a_configured_server_is_used_first(silent_ports):
    assert plan({"DATABASE_URL": "postgresql+psycopg://db.internal/vaultpay"},
                ports=silent_ports) == {"redis"}
    assert plan({"REDIS_URL": "redis://cache.internal/0"}, ports=silent_ports) == {"postgres"}


def test_a_server_answering_on_its_port_is_used_first(silent_ports, listening_port):
    assert plan({}, ports=(listening_port, silent_ports[1])) == {"redis"}
    assert plan({}, ports=(listening_port, listening_port)) == set()


def test_embedded_1_forces_both_even_with_servers_around(listening_port):
    assert plan({"EMBEDDED": "1", "DATABASE_URL": "postgresql+psycopg://x/y"},
                ports=(listening_port, listening_port)) == {"postgres", "redis"}


def test_embedded_0_refuses_to_fall_back_and_says_what_is_missing(silent_ports, listening_port):
    with pytest.raises(EmbeddedRefused, match="no redis is configured or answering"):
        plan({"EMBEDDED": "0"}, ports=(listening_port, silent_ports[1]))
    assert plan({"EMBEDDED": "0"}, ports=(listening_port, listening_port)) == set()
