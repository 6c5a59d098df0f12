"""The segregation-of-duties rule on its own."""
from __future__ import annotations

import uuid

import pytest

from domain import errors
from domain.duties import ensure_not_party


def test_an_actor_who_is_a_party_is_refused_however_the_id_is_spelled():
    actor = uuid.uuid4()
    for parties in ([actor], [uuid.uuid4(), str(actor)], [None, actor]):
        with pytest.raises(errors.SelfActionNotAllowed) as refused:
            ensure_not_party(actor, parties)
        assert (refused.value.status, refused.value.error_code) == (403, "SELF_ACTION_NOT_ALLOWED")


def test_an_actor_who_is_no_party_may_act():
    ensure_not_party(uuid.uuid4(), [uuid.uuid4(), None])
    ensure_not_party(uuid.uuid4(), [])
