"""IP hashing and masking, emailed tokens and templates, and the production checks of
their settings: no database, no Redis."""
from __future__ import annotations

import hashlib
import hmac

import pytest

import settings as settings_module
from domain import email_templates as templates
from domain.ip_trust import hash_ip, mask, normalise_ip
from domain.one_time_tokens import digest, new_token

KEY = "unit-test-ip-key-" + "k" * 32


def test_an_ip_hash_is_hmac_sha256_under_the_server_key():
    expected = hmac.new(KEY.encode(), b"203.0.113.9", hashlib.sha256).hexdigest()
    assert hash_ip("203.0.113.9", KEY) == expected
    assert len(expected) == 64 and "203" not in expected


def test_without_the_key_the_hash_cannot_be_rebuilt():
    assert hash_ip("203.0.113.9", KEY) != hash_ip("203.0.113.9", KEY + "x")
    assert hash_ip("203.0.113.9", KEY) != hashlib.sha256(b"203.0.113.9").hexdigest()


@pytest.mark.parametrize("spelling, canonical", [
    ("203.0.113.9", "203.0.113.9"),
    (" 203.0.113.9 ", "203.0.113.9"),
    ("::ffff:203.0.113.9", "203.0.113.9"),
    ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
    ("2001:db8::1", "2001:db8::1"),
    ("unknown", "unknown"),
])
def test_each_address_has_one_spelling_and_so_one_hash(spelling, canonical):
    assert normalise_ip(spelling) == canonical
    assert hash_ip(spelling, KEY) == hash_ip(canonical, KEY)


def test_different_addresses_hash_differently():
    assert hash_ip("203.0.113.9", KEY) != hash_ip("203.0.113.10", KEY)


def test_the_mask_shows_the_last_eight_hex_digits_of_the_hash():
    ip_hash = hash_ip("203.0.113.9", KEY)
    assert mask(ip_hash) == "***" + ip_hash[-8:]
    assert len(mask(ip_hash)) == 11


def test_tokens_are_random_and_stored_as_their_sha256():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(len(token) >= 43 for token in tokens)
    token = tokens.pop()
    assert digest(token) == hashlib.sha256(token.encode()).hexdigest() and token not in digest(token)


# --- templates --------------------------------------------------------------------------
def test_token_templates_carry_the_token_and_its_lifetime():
    context = templates.Context(full_name="Asha Rao", token="T0KEN", valid_minutes=15, trust_days=30)
    email = templates.render("pin_reset", {}, context)
    assert "Your reset code: T0KEN" in email.body and "15 minutes" in email.body
    assert email.body.startswith("Hello Asha Rao,")
    confirm = templates.render("ip_confirmation", {"ip_hash": "ab" * 32, "ip_masked": "***abababab"},
                               templates.Context("Asha", token="T0KEN", valid_minutes=30, trust_days=30))
    assert "***abababab" in confirm.body and "code: T0KEN" in confirm.body and "30 days" in confirm.body


def test_a_token_template_without_a_token_is_refused():
    with pytest.raises(templates.TemplateError):
        templates.render("pin_reset", {}, templates.Context("Asha"))


def test_an_unknown_template_or_a_missing_param_is_refused():
    with pytest.raises(templates.TemplateError):
        templates.render("birthday", {}, templates.Context("Asha"))
    with pytest.raises(templates.TemplateError):
        templates.render("kyc_decided", {}, templates.Context("Asha"))


@pytest.mark.parametrize("params, subject, text", [
    ({"status": "verified", "reason": None}, "Your identity is verified", "was verified"),
    ({"status": "rejected", "reason": "Blurred photo"}, "was not accepted", "rejected: Blurred photo"),
    ({"status": "rejected", "reason": None}, "was not accepted", "no reason was given"),
])
def test_the_kyc_decision_email(params, subject, text):
    email = templates.render("kyc_decided", params, templates.Context("Asha"))
    assert subject in email.subject and text in email.body


# --- production settings ----------------------------------------------------------------
def _production(**overrides):
    return settings_module.Settings().with_overrides(env="production", **overrides)


@pytest.mark.parametrize("overrides, complaint", [
    ({"ip_hash_key": settings_module.DEV_SECRET}, "IP_HASH_KEY"),
    ({"ip_hash_key": "short"}, "IP_HASH_KEY"),
    ({"smtp_host": ""}, "SMTP_HOST"),
])
def test_production_refuses_unsafe_ip_and_mail_settings(overrides, complaint):
    good = {"ip_hash_key": "i" * 40, "smtp_host": "smtp.example.com"}
    with pytest.raises(RuntimeError, match=complaint):
        _production(**{**good, **overrides})._validate_ip_and_mail()


def test_production_accepts_a_real_ip_key_and_an_smtp_host():
    _production(ip_hash_key="i" * 40, smtp_host="smtp.example.com")._validate_ip_and_mail()


@pytest.mark.parametrize("name, field, default", [
    ("SMTP_HOST", "smtp_host", ""),
    ("MAIL_DIR", "mail_dir", "var/mail"),
    ("IP_TRUST_DAYS", "ip_trust_days", 30),
    ("IP_CONFIRM_TOKEN_MINUTES", "ip_confirm_token_minutes", 30),
    ("PIN_RESET_TOKEN_MINUTES", "pin_reset_token_minutes", 15),
    ("LOCKOUT_HOURS", "lockout_hours", 24),
])
def test_the_defaults_follow_the_contract_and_need_no_mail_server(monkeypatch, name, field, default):
    monkeypatch.delenv(name, raising=False)
    assert getattr(settings_module.Settings(), field) == default
