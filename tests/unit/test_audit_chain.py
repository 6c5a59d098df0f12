"""The audit hash chain, without a database."""
from domain.audit import chain_hash

ROW = {"action": "FREEZE_WALLET", "target_id": "VPY-AAAAAA", "after_state": {"status": "frozen"}}


def test_the_hash_covers_the_previous_hash_and_every_field():
    first = chain_hash(None, ROW)
    assert chain_hash(first, ROW) != first
    assert chain_hash(None, {**ROW, "after_state": {"status": "active"}}) != first


def test_the_hash_ignores_key_order_so_a_reread_row_verifies():
    assert chain_hash("x", dict(reversed(list(ROW.items())))) == chain_hash("x", ROW)
