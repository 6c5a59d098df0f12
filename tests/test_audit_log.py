"""The audit trail for admins (the contract's section 12): listing with filters, the
append-only table, and the hash-chain check that spots an edited or removed row."""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg
import pytest
from psycopg.types.json import Jsonb

from db.audit import SYSTEM, Actor, record, verify_chain
from db.session import unit_of_work

ADMIN_ROUTES = ["/admin/audit-logs", "/admin/audit-logs/verify"]


def error_code(response) -> str:
    return response.json["error_code"]


def audit_rows(api, caller, **query):
    response = api.get("/admin/audit-logs", caller, query_string=query)
    assert response.status_code == 200, response.json
    return response.json["data"]


def verify(api, caller) -> dict:
    response = api.get("/admin/audit-logs/verify", caller)
    assert response.status_code == 200, response.json
    return response.json["data"]


@pytest.fixture()
def actions(api):
    """A fresh super admin who changed a role and deactivated a user: two audit rows."""
    boss, target = api.user("super_admin"), api.user()
    api.post(f"/admin/users/{target.user_id}/role", boss, json={"role": "moderator"},
             headers={"X-Request-ID": f"req-{uuid.uuid4().hex[:8]}"})
    api.post(f"/admin/users/{target.user_id}/deactivate", boss, json={"reason": "chargebacks"})
    return boss, target


@contextmanager
def append_only_lifted(db):
    """As the superuser, lift the append-only trigger for one transaction (what an
    attacker with database access could do); nobody else ever sees it lifted."""
    with db.transaction():
        db.execute("ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only")
        yield
        db.execute("ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_append_only")


# --- listing ---------------------------------------------------------------------------
def test_an_admin_lists_an_actors_rows_newest_first_with_every_field(api, actions):
    boss, target = actions
    page = audit_rows(api, api.user("admin"), actor_id=boss.user_id)
    assert page["total"] == 2
    deactivation, role_change = page["items"]
    assert (deactivation["action"], role_change["action"]) == ("DEACTIVATE_USER", "CHANGE_ROLE")
    assert set(role_change) == {"id", "audit_id", "actor_id", "actor_role", "action", "target_type",
                                "target_id", "before_state", "after_state", "reason", "request_id",
                                "ip_address", "created_at", "prev_hash", "hash"}
    assert role_change["actor_id"] == boss.user_id and role_change["actor_role"] == "super_admin"
    assert (role_change["target_type"], role_change["target_id"]) == ("user", target.user_id)
    assert role_change["before_state"] == {"role": "user"}
    assert role_change["after_state"] == {"role": "moderator"}
    assert role_change["request_id"].startswith("req-") and role_change["ip_address"]
    assert deactivation["reason"] == "chargebacks"
    assert deactivation["id"] > role_change["id"] and len(deactivation["hash"]) == 64


def test_the_list_filters_by_action_target_and_dates(api, actions):
    boss, target = actions
    admin = api.user("admin")
    mine = {"actor_id": boss.user_id}
    assert [row["action"] for row in audit_rows(api, admin, action="CHANGE_ROLE", **mine)["items"]] \
        == ["CHANGE_ROLE"]
    assert audit_rows(api, admin, target_type="wallet", **mine)["total"] == 0
    assert audit_rows(api, admin, target_type="user", target_id=target.user_id)["total"] == 2
    today = datetime.now(ZoneInfo("Asia/Kolkata")).date()
    assert audit_rows(api, admin, start_date=today, end_date=today, **mine)["total"] == 2
    assert audit_rows(api, admin, end_date=today - timedelta(days=1), **mine)["total"] == 0
    assert audit_rows(api, admin, start_date=today + timedelta(days=1), **mine)["total"] == 0


def test_the_list_pages(api, actions):
    boss, _ = actions
    second = audit_rows(api, api.user("admin"), actor_id=boss.user_id, per_page=1, page=2)
    assert [row["action"] for row in second["items"]] == ["CHANGE_ROLE"]
    assert (second["total"], second["pages"]) == (2, 2)


@pytest.mark.parametrize("query", [
    {"actor_id": "not-a-uuid"}, {"action": "freeze_wallet"}, {"start_date": "yesterday"},
    {"start_date": "2026-02-02", "end_date": "2026-01-01"}, {"per_page": 101}, {"actor": "x"},
])
def test_the_list_refuses_bad_query_arguments(api, query):
    response = api.get("/admin/audit-logs", api.user("admin"), query_string=query)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


@pytest.mark.parametrize("role", ["user", "moderator"])
def test_roles_below_admin_cannot_read_the_audit_trail(api, role):
    caller = api.user(role)
    for path in ADMIN_ROUTES:
        response = api.get(path, caller)
        assert response.status_code == 403 and error_code(response) == "INSUFFICIENT_PERMISSIONS"


@pytest.mark.parametrize("role", ["admin", "super_admin"])
def test_admins_and_super_admins_read_the_audit_trail(api, role):
    caller = api.user(role)
    for path in ADMIN_ROUTES:
        assert api.get(path, caller).status_code == 200


def test_the_audit_trail_needs_a_token(api):
    for path in ADMIN_ROUTES:
        response = api.get(path)
        assert response.status_code == 401 and error_code(response) == "TOKEN_MISSING"


# --- the chain -------------------------------------------------------------------------
def test_an_untouched_chain_verifies(api, db, actions):
    rows_before = db.execute("SELECT count(*) FROM audit_logs").fetchone()[0]
    result = verify(api, api.user("admin"))
    assert result["valid"] is True and result["first_broken_id"] is None
    assert result["checked"] >= rows_before >= 2


def test_rows_with_awkward_content_verify_when_walked_in_small_batches(database_url):
    """The hash is recomputed from what PostgreSQL gives back (JSONB, timestamptz), so
    anything record() accepts must read back to the same hashed content."""
    someone = Actor(user_id=uuid.uuid4(), role="admin", request_id="req-x", ip_address="10.0.0.1")
    with unit_of_work(database_url) as session:
        record(session, someone, "UPDATE_SETTING", "setting", "limits.tier1.send",
               before={"value": "1000.00", "nested": {"b": [1, 2.5, None], "a": True}},
               after={"value": "2000.00", "note": "ünïcode ✓ \"quoted\""}, reason="raise")
        record(session, SYSTEM, "AUTO_UNFREEZE", "wallet", "VPY-AAAAAA")
    with unit_of_work(database_url) as session:
        result = verify_chain(session, batch_size=2)
    assert result.valid is True and result.checked >= 2


def test_the_audit_table_refuses_update_delete_and_truncate_even_to_the_superuser(db, actions):
    assert db.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
    row_id = db.execute("SELECT max(id) FROM audit_logs").fetchone()[0]
    for statement in (f"UPDATE audit_logs SET reason = 'edited' WHERE id = {row_id}",
                      f"DELETE FROM audit_logs WHERE id = {row_id}",
                      "TRUNCATE audit_logs"):
        # force_rollback: should the trigger ever be missing, the change still vanishes.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"), \
                db.transaction(force_rollback=True):
            db.execute(statement)
    assert db.execute("SELECT count(*) FROM audit_logs WHERE id = %s", (row_id,)).fetchone()[0] == 1


def test_an_edited_row_breaks_the_chain_at_that_row(api, db, actions):
    boss, _ = actions
    admin = api.user("admin")
    row_id, original = db.execute(
        "SELECT id, after_state FROM audit_logs WHERE actor_id = %s AND action = 'CHANGE_ROLE'",
        (boss.user_id,)).fetchone()
    position = db.execute("SELECT count(*) FROM audit_logs WHERE id <= %s", (row_id,)).fetchone()[0]
    try:
        with append_only_lifted(db):
            db.execute("UPDATE audit_logs SET after_state = %s WHERE id = %s",
                       (Jsonb({"role": "super_admin"}), row_id))
        result = verify(api, admin)
        assert result == {"valid": False, "checked": position, "first_broken_id": row_id}
    finally:
        # The database is shared by the whole run: put the row back as it was.
        with append_only_lifted(db):
            db.execute("UPDATE audit_logs SET after_state = %s WHERE id = %s",
                       (Jsonb(original), row_id))
    assert verify(api, admin)["valid"] is True


def test_a_removed_row_breaks_the_chain_at_its_successor(api, db, actions):
    boss, _ = actions
    admin = api.user("admin")
    removed_id = db.execute("SELECT id FROM audit_logs WHERE actor_id = %s AND action = 'CHANGE_ROLE'",
                            (boss.user_id,)).fetchone()[0]
    removed = db.execute("SELECT * FROM audit_logs WHERE id = %s", (removed_id,))
    columns = [column.name for column in removed.description]
    values = [Jsonb(v) if isinstance(v, dict) else v for v in removed.fetchone()]
    successor = db.execute("SELECT min(id) FROM audit_logs WHERE id > %s", (removed_id,)).fetchone()[0]
    try:
        with append_only_lifted(db):
            db.execute("DELETE FROM audit_logs WHERE id = %s", (removed_id,))
        result = verify(api, admin)
        assert result["valid"] is False and result["first_broken_id"] == successor
    finally:
        with append_only_lifted(db):
            db.execute(f"INSERT INTO audit_logs ({', '.join(columns)})"
                       f" VALUES ({', '.join(['%s'] * len(columns))})"
                       " ON CONFLICT (id) DO NOTHING", values)
    assert verify(api, admin)["valid"] is True
