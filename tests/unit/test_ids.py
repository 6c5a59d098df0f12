import uuid

from domain.ids import uuid_or_none


def test_a_uuid_in_any_form_is_parsed():
    value = uuid.uuid4()
    assert uuid_or_none(value) == value
    assert uuid_or_none(str(value)) == value
    assert uuid_or_none(str(value).upper()) == value


def test_a_malformed_id_is_none_not_an_error():
    for malformed in ("", "not-a-uuid", "1234", None, 42, "' OR 1=1 --"):
        assert uuid_or_none(malformed) is None
