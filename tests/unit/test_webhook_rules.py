"""Webhook rules without a network: URL checks against a fake resolver, signatures,
the retry schedule."""
from __future__ import annotations

import hashlib
import hmac
import socket

import pytest

from domain import errors
from domain.webhooks import (
    EVENT_TYPES,
    RetryPolicy,
    check_url,
    is_public,
    new_secret,
    sign,
    signature_header,
    verify,
)

PUBLIC_V4, PUBLIC_V6 = "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"


def resolver(table: dict[str, list[str]]):
    """getaddrinfo over a fixed table; unknown names do not resolve."""
    def resolve(host, port, type=0):  # noqa: A002 (getaddrinfo's own name)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, port)) for a in table[host]]
    return resolve


DNS = resolver({
    "hooks.example.com": [PUBLIC_V4, PUBLIC_V6],
    "rebind.example.com": ["127.0.0.1"],
    "mixed.example.com": [PUBLIC_V4, "10.1.2.3"],
    "mapped.example.com": ["::ffff:192.168.0.1"],
    "nat64.example.com": ["64:ff9b::a9fe:a9fe"],  # 169.254.169.254 behind NAT64
    "zone.example.com": ["fe80::1%eth0"],
    "relay.internal": ["10.9.9.9"],
})


def test_an_https_url_resolving_to_public_addresses_is_accepted():
    target = check_url("https://hooks.example.com:8443/in?src=vp", resolve=DNS)
    assert (target.scheme, target.host, target.port, target.path) == (
        "https", "hooks.example.com", 8443, "/in?src=vp")
    assert target.addresses == (PUBLIC_V4, PUBLIC_V6)
    assert target.host_header == "hooks.example.com:8443"
    assert check_url("https://HOOKS.example.com./", resolve=DNS).host_header == "hooks.example.com"


@pytest.mark.parametrize("url, reason", [
    ("http://hooks.example.com/", "https"),
    ("ftp://hooks.example.com/", "https"),
    ("https://rebind.example.com/", "public"),
    ("https://mixed.example.com/", "public"),  # one private answer is enough to refuse
    ("https://mapped.example.com/", "public"),
    ("https://nat64.example.com/", "public"),
    ("https://zone.example.com/", "public"),
    ("https://unknown.example.com/", "resolve"),
    ("https://u:p@hooks.example.com/", "credentials"),
    ("https://hooks.example.com/#frag", "fragment"),
    ("https://hooks.example.com:99999/", "not valid"),
    ("https:///path-only", "host"),
    ("https://hooks.example.com/" + "a" * 2048, "characters"),
])
def test_urls_are_refused_with_a_reason_on_the_url_field(url, reason):
    with pytest.raises(errors.WebhookUrlRejected) as refused:
        check_url(url, resolve=DNS)
    assert refused.value.status == 422 and refused.value.error_code == "VALIDATION_ERROR"
    [message] = refused.value.details["url"]
    assert reason in message


def test_an_allowed_host_may_use_http_and_any_address():
    assert check_url("http://relay.internal:8080/x", ("relay.internal",), DNS).addresses == ("10.9.9.9",)
    assert check_url("https://relay.internal/x", (" Relay.Internal ",), DNS).scheme == "https"
    with pytest.raises(errors.WebhookUrlRejected):
        check_url("http://rebind.example.com/", ("relay.internal",), DNS)


@pytest.mark.parametrize("address, public", [
    ("8.8.8.8", True), (PUBLIC_V6, True),
    ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.1.1", False), ("127.0.0.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("239.255.255.250", False), ("240.0.0.1", False), ("255.255.255.255", False),
    ("::1", False), ("::", False), ("fe80::1", False), ("fc00::1", False), ("ff02::1", False),
    ("fec0::1", False), ("::ffff:10.0.0.1", False), ("::ffff:8.8.8.8", True),
    ("2002:c0a8:0101::1", False),  # 6to4 around 192.168.1.1
    ("64:ff9b::808:808", True), ("64:ff9b::7f00:1", False),
    ("not-an-ip", False),
])
def test_public_means_globally_routable_including_any_embedded_ipv4(address, public):
    assert is_public(address) is public


def test_the_signature_is_an_hmac_of_timestamp_dot_body_with_the_whole_secret():
    secret, body = new_secret(), b'{"id":"e1","type":"operation.completed"}'
    header = signature_header(secret, body, timestamp=1_700_000_000)
    expected = hmac.new(secret.encode(), b"1700000000." + body, hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={expected}"
    assert sign(secret, 1_700_000_000, body) == expected


def test_verify_accepts_a_fresh_signature_and_refuses_tampering_or_replay():
    secret, body = new_secret(), b'{"a":1}'
    header = signature_header(secret, body, timestamp=1_000)
    assert verify(secret, header, body, now=1_010)
    assert not verify(secret, header, b'{"a":2}', now=1_010)
    assert not verify(new_secret(), header, body, now=1_010)
    assert not verify(secret, header, body, now=1_000 + 301)
    assert not verify(secret, "t=abc,v1=00", body, now=1_000)
    assert not verify(secret, "", body, now=1_000)


def test_secrets_are_random_and_prefixed():
    secrets = {new_secret() for _ in range(50)}
    assert len(secrets) == 50 and all(s.startswith("whsec_") and len(s) == 49 for s in secrets)


def test_backoff_doubles_up_to_the_cap():
    policy = RetryPolicy(base_s=30, cap_s=3600, max_attempts=30, window_s=86400)
    assert [policy.delay_after(n) for n in range(1, 10)] == [
        30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_retrying_stops_at_the_attempt_limit_or_the_window():
    policy = RetryPolicy(base_s=30, cap_s=3600, max_attempts=30, window_s=86400)
    assert policy.next_delay(1, age_s=0) == 30
    assert policy.next_delay(30, age_s=100) is None
    assert policy.next_delay(20, age_s=86400 - 3599) is None
    assert policy.next_delay(20, age_s=86400 - 3600) == 3600


def test_the_production_schedule_spans_about_a_day():
    policy = RetryPolicy(base_s=30, cap_s=3600, max_attempts=30, window_s=86400)
    age, attempts = 0.0, 1
    while (delay := policy.next_delay(attempts, age)) is not None:
        age, attempts = age + delay, attempts + 1
    assert 20 * 3600 <= age <= 24 * 3600 and attempts <= 30


def test_every_documented_event_type_is_known():
    assert EVENT_TYPES == ("operation.completed", "operation.failed", "transaction.credited",
                           "kyc.decided", "dispute.resolved",
                           "hold.created", "hold.captured", "hold.voided", "hold.expired",
                           "payout.finished")
