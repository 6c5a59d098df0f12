"""What registration and login bodies accept, with no database."""
from __future__ import annotations

import pytest
from marshmallow import ValidationError

from web.auth.schemas import LoginSchema, RegisterSchema

VALID = {"email": "asha@example.com", "password": "ten chars!", "full_name": "Asha Verma"}


def refusal(schema, body: dict) -> dict:
    with pytest.raises(ValidationError) as caught:
        schema.load(body)
    return caught.value.messages


def test_registration_trims_and_lower_cases_the_email_and_trims_the_name():
    loaded = RegisterSchema().load({**VALID, "email": " Asha@Example.COM ",
                                    "full_name": " Asha Verma "})
    assert loaded == {**VALID, "email": "asha@example.com", "full_name": "Asha Verma"}


def test_a_password_is_kept_exactly_as_typed():
    assert RegisterSchema().load({**VALID, "password": "  spaced out  "})["password"] \
        == "  spaced out  "


@pytest.mark.parametrize("password", ["x" * 10, "x" * 72, "é" * 36])
def test_passwords_from_ten_characters_up_to_72_bytes_are_accepted(password):
    assert RegisterSchema().load({**VALID, "password": password})["password"] == password


@pytest.mark.parametrize("password", ["x" * 9, "x" * 73, "é" * 37])
def test_passwords_too_short_or_past_72_bytes_are_refused(password):
    assert "password" in refusal(RegisterSchema(), {**VALID, "password": password})


@pytest.mark.parametrize("full_name", ["", "   ", "x" * 101])
def test_a_blank_or_overlong_full_name_is_refused(full_name):
    assert "full_name" in refusal(RegisterSchema(), {**VALID, "full_name": full_name})


@pytest.mark.parametrize("field", ["role", "is_active", "user_id"])
def test_nobody_can_register_with_a_field_that_sets_privileges(field):
    assert refusal(RegisterSchema(), {**VALID, field: "super_admin"}) == {field: ["Unknown field."]}


def test_login_accepts_any_non_empty_password_bcrypt_can_check():
    assert LoginSchema().load({"email": "A@B.CO", "password": "x"}) == {
        "email": "a@b.co", "password": "x"}
    assert "password" in refusal(LoginSchema(), {"email": "a@b.co", "password": "x" * 73})
