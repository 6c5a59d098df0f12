"""User administration through the API (the user parts of the contract's section 12)
and the `create-superadmin` command."""
from __future__ import annotations

import uuid

import pytest

from tests.support.api import PASSWORD
from tests.support.routes import NOWHERE


def error_code(response) -> str:
    return response.json["error_code"]


def set_role(api, actor, target_id: str, role: str):
    return api.post(f"/admin/users/{target_id}/role", actor, json={"role": role})


def deactivate(api, actor, target_id: str, reason="Suspected account takeover"):
    return api.post(f"/admin/users/{target_id}/deactivate", actor, json={"reason": reason})


def reactivate(api, actor, target_id: str):
    return api.post(f"/admin/users/{target_id}/reactivate", actor)


def list_users(api, actor, **query):
    return api.get("/admin/users", actor, query_string=query)


# --- listing ---------------------------------------------------------------------------
@pytest.fixture()
def three_users(api, db):
    """Three accounts sharing a random marker: one user, one moderator, one inactive."""
    marker = uuid.uuid4().hex[:10]
    ids = []
    for name in ("anil", "bela", "chen"):
        response = api.post("/auth/register", json={
            "email": f"{name}.{marker}@example.com", "password": PASSWORD, "full_name": name})
        ids.append(response.json["data"]["user_id"])
    db.execute("UPDATE users SET role = 'moderator' WHERE id = %s", (ids[1],))
    db.execute("UPDATE users SET is_active = false WHERE id = %s", (ids[2],))
    return marker, ids


def test_an_admin_lists_users_filtered_by_part_of_the_email_in_any_case(api, three_users):
    marker, ids = three_users
    response = list_users(api, api.user("admin"), email=marker.upper())
    assert response.status_code == 200
    page = response.json["data"]
    assert page["total"] == 3 and page["page"] == 1 and page["per_page"] == 20
    assert [u["user_id"] for u in page["items"]] == ids[::-1]  # newest first
    assert set(page["items"][0]) == {"user_id", "email", "full_name", "role", "is_active",
                                     "created_at"}


def test_the_user_list_filters_by_role_and_by_activity(api, three_users):
    marker, ids = three_users
    admin = api.user("admin")
    moderators = list_users(api, admin, email=marker, role="moderator").json["data"]
    assert [u["user_id"] for u in moderators["items"]] == [ids[1]]
    inactive = list_users(api, admin, email=marker, is_active="false").json["data"]
    assert [u["user_id"] for u in inactive["items"]] == [ids[2]]


def test_the_user_list_pages_and_treats_like_wildcards_literally(api, three_users):
    marker, ids = three_users
    admin = api.user("admin")
    second = list_users(api, admin, email=marker, per_page=2, page=2).json["data"]
    assert second["total"] == 3 and second["pages"] == 2
    assert [u["user_id"] for u in second["items"]] == [ids[0]]
    assert list_users(api, admin, email=f"{marker}%").json["data"]["total"] == 0


@pytest.mark.parametrize("query", [{"per_page": 101}, {"page": 0}, {"role": "owner"},
                                   {"is_active": "maybe"}])
def test_the_user_list_refuses_bad_query_arguments(api, query):
    response = list_users(api, api.user("admin"), **query)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


# --- who may do what -----------------------------------------------------------------
@pytest.mark.parametrize("role", ["user", "moderator"])
def test_roles_below_admin_cannot_manage_users(api, role):
    caller, target = api.user(role), api.user()
    for response in (list_users(api, caller), deactivate(api, caller, target.user_id),
                     reactivate(api, caller, target.user_id)):
        assert response.status_code == 403 and error_code(response) == "INSUFFICIENT_PERMISSIONS"


def test_only_a_super_admin_changes_roles(api):
    admin, target = api.user("admin"), api.user()
    response = set_role(api, admin, target.user_id, "moderator")
    assert response.status_code == 403 and error_code(response) == "INSUFFICIENT_PERMISSIONS"


def test_admin_routes_need_a_token(api):
    response = api.get("/admin/users")
    assert response.status_code == 401 and error_code(response) == "TOKEN_MISSING"


# --- roles -----------------------------------------------------------------------------
def test_a_promotion_takes_effect_on_the_users_next_request(api):
    boss, target = api.user("super_admin"), api.user()
    assert list_users(api, target).status_code == 403
    response = set_role(api, boss, target.user_id, "admin")
    assert response.status_code == 200
    assert response.json["data"]["role"] == "admin"
    assert list_users(api, target).status_code == 200  # same token as before


def test_a_super_admin_cannot_change_their_own_role_but_can_demote_another(api):
    boss, other_boss = api.user("super_admin"), api.user("super_admin")
    for role in ("admin", "super_admin"):
        response = set_role(api, boss, boss.user_id, role)
        assert response.status_code == 403 and error_code(response) == "SELF_ACTION_NOT_ALLOWED"
    assert api.get("/auth/me", boss).json["data"]["role"] == "super_admin"
    assert set_role(api, boss, other_boss.user_id, "user").json["data"]["role"] == "user"


def test_a_role_outside_the_hierarchy_is_a_validation_error(api):
    boss, target = api.user("super_admin"), api.user()
    response = set_role(api, boss, target.user_id, "root")
    assert response.status_code == 422 and "role" in response.json["details"]


@pytest.mark.parametrize("target_id", [NOWHERE, "not-a-uuid"])
def test_an_unknown_or_malformed_user_id_is_not_found_everywhere(api, target_id):
    boss = api.user("super_admin")
    for response in (set_role(api, boss, target_id, "admin"), deactivate(api, boss, target_id),
                     reactivate(api, boss, target_id)):
        assert response.status_code == 404 and error_code(response) == "USER_NOT_FOUND"


# --- deactivation ----------------------------------------------------------------------
def test_deactivation_locks_the_user_out_at_once_and_ends_their_sessions(api):
    admin, target = api.user("admin"), api.user()
    response = deactivate(api, admin, target.user_id)
    assert response.status_code == 200 and response.json["data"]["is_active"] is False
    assert error_code(api.get("/auth/me", target)) == "ACCOUNT_DISABLED"
    assert error_code(api.post("/auth/refresh", json={"refresh_token": target.refresh_token})) \
        == "ACCOUNT_DISABLED"
    login = api.post("/auth/login", json={"email": target.email, "password": PASSWORD})
    assert login.status_code == 403 and error_code(login) == "ACCOUNT_DISABLED"


def test_reactivation_lets_the_user_log_in_again_but_old_sessions_stay_dead(api):
    admin, target = api.user("admin"), api.user()
    deactivate(api, admin, target.user_id)
    response = reactivate(api, admin, target.user_id)
    assert response.status_code == 200 and response.json["data"]["is_active"] is True
    assert error_code(api.get("/auth/me", target)) == "TOKEN_REVOKED"
    assert error_code(api.post("/auth/refresh", json={"refresh_token": target.refresh_token})) \
        == "TOKEN_REVOKED"
    fresh = api.login(target.email, target.user_id)
    assert api.get("/auth/me", fresh).status_code == 200


def test_deactivating_and_reactivating_twice_changes_nothing_more(api):
    admin, target = api.user("admin"), api.user()
    assert deactivate(api, admin, target.user_id).status_code == 200
    assert deactivate(api, admin, target.user_id).json["data"]["is_active"] is False
    assert reactivate(api, admin, target.user_id).status_code == 200
    assert reactivate(api, admin, target.user_id).json["data"]["is_active"] is True


def test_nobody_can_deactivate_themselves(api):
    boss = api.user("super_admin")
    response = deactivate(api, boss, boss.user_id)
    assert response.status_code == 403 and error_code(response) == "SELF_ACTION_NOT_ALLOWED"
    assert api.get("/auth/me", boss).status_code == 200


@pytest.mark.parametrize("target_role", ["admin", "super_admin"])
def test_an_admin_cannot_deactivate_or_reactivate_an_equal_or_higher_role(api, target_role):
    admin, target = api.user("admin"), api.user(target_role)
    for response in (deactivate(api, admin, target.user_id), reactivate(api, admin, target.user_id)):
        assert response.status_code == 403 and error_code(response) == "INSUFFICIENT_PERMISSIONS"
    assert api.get("/auth/me", target).status_code == 200


@pytest.mark.parametrize("target_role", ["moderator", "admin", "super_admin"])
def test_a_super_admin_can_deactivate_any_other_account(api, target_role):
    boss, target = api.user("super_admin"), api.user(target_role)
    assert deactivate(api, boss, target.user_id).status_code == 200
    assert error_code(api.get("/auth/me", target)) == "ACCOUNT_DISABLED"


@pytest.mark.parametrize("body", [{}, {"reason": "   "}, {"reason": "x" * 501},
                                  {"reason": "fraud", "notify": True}])
def test_deactivation_needs_a_reason(api, body):
    admin, target = api.user("admin"), api.user()
    response = api.post(f"/admin/users/{target.user_id}/deactivate", admin, json=body)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    assert api.get("/auth/me", target).status_code == 200


# --- create-superadmin -----------------------------------------------------------------
def create_superadmin(app, *args):
    return app.test_cli_runner().invoke(args=["create-superadmin", *args])


def test_the_command_creates_a_super_admin_who_can_use_super_admin_routes(api, app, db):
    email, password = f"root-{uuid.uuid4().hex[:8]}@example.com", "a long root password"
    result = create_superadmin(app, "--email", email.upper(), "--password", password)
    assert result.exit_code == 0, result.output
    assert password not in result.output
    user_id, role, name = db.execute(
        "SELECT id::text, role, full_name FROM users WHERE email = %s", (email,)).fetchone()
    assert user_id in result.output and role == "super_admin" and name == "Super Admin"

    token = api.post("/auth/login", json={"email": email, "password": password}).json["data"]
    target = api.user()
    response = api.post(f"/admin/users/{target.user_id}/role", json={"role": "moderator"},
                        headers={"Authorization": f"Bearer {token['access_token']}"})
    assert response.status_code == 200


def test_the_command_promotes_an_existing_account_given_its_password(api, app, db):
    caller = api.user()
    result = create_superadmin(app, "--email", caller.email, "--password", PASSWORD,
                               "--full-name", "Ignored For Existing")
    assert result.exit_code == 0, result.output
    assert caller.user_id in result.output and "promoted" in result.output
    assert api.get("/auth/me", caller).json["data"]["role"] == "super_admin"
    again = create_superadmin(app, "--email", caller.email, "--password", PASSWORD)
    assert again.exit_code == 0 and "unchanged" in again.output


def test_the_command_refuses_to_promote_with_the_wrong_password(api, app):
    caller = api.user()
    result = create_superadmin(app, "--email", caller.email, "--password", "not the password")
    assert result.exit_code != 0 and "nothing changed" in result.output
    assert "not the password" not in result.output
    assert api.get("/auth/me", caller).json["data"]["role"] == "user"


def test_the_command_refuses_to_promote_a_deactivated_account(api, app, db):
    caller = api.user()
    db.execute("UPDATE users SET is_active = false WHERE id = %s", (caller.user_id,))
    result = create_superadmin(app, "--email", caller.email, "--password", PASSWORD)
    assert result.exit_code != 0 and "deactivated" in result.output
    role = db.execute("SELECT role FROM users WHERE id = %s", (caller.user_id,)).fetchone()[0]
    assert role == "user"


@pytest.mark.parametrize("email, password, complaint", [
    ("root-tiny-password@example.com", "tiny-pw1", "password"),
    ("not-an-email", "a long root password", "email"),
])
def test_the_command_validates_like_registration_and_creates_nothing(app, db, email, password,
                                                                    complaint):
    result = create_superadmin(app, "--email", email, "--password", password)
    assert result.exit_code != 0 and complaint in result.output
    assert password not in result.output
    assert db.execute("SELECT count(*) FROM users WHERE email = %s", (email,)).fetchone()[0] == 0


def test_role_and_activation_changes_write_chained_audit_rows(api, db):
    boss, target = api.user(role="super_admin"), api.user()
    api.post(f"/admin/users/{target.user_id}/role", boss, json={"role": "moderator"},
             headers={"X-Request-ID": "req-role-1"})
    api.post(f"/admin/users/{target.user_id}/deactivate", boss, json={"reason": "chargebacks"})
    api.post(f"/admin/users/{target.user_id}/reactivate", boss)
    rows = db.execute(
        "SELECT action, actor_id::text, actor_role, before_state, after_state, reason, request_id,"
        " prev_hash, hash FROM audit_logs WHERE target_id = %s ORDER BY id", (target.user_id,)
    ).fetchall()
    assert [row[0] for row in rows] == ["CHANGE_ROLE", "DEACTIVATE_USER", "REACTIVATE_USER"]
    role_change, deactivation, _ = rows
    assert role_change[1:5] == (boss.user_id, "super_admin", {"role": "user"}, {"role": "moderator"})
    assert role_change[6] == "req-role-1"
    assert deactivation[5] == "chargebacks"
    broken_links = db.execute(
        "SELECT a.id FROM audit_logs a JOIN LATERAL (SELECT hash FROM audit_logs p WHERE p.id < a.id"
        " ORDER BY p.id DESC LIMIT 1) prev ON true WHERE a.target_id = %s"
        " AND a.prev_hash IS DISTINCT FROM prev.hash", (target.user_id,)).fetchall()
    assert broken_links == []
    assert len({row[8] for row in rows}) == 3
