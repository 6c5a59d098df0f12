"""The caller's notifications (the contract's section 10): list, read, read-all, count."""
from __future__ import annotations

import uuid

import pytest
from psycopg.types.json import Jsonb

from db.notifications import notify as write_notification
from db.session import unit_of_work
from tests.support.routes import NOWHERE


def notify(db, caller, title: str, *, minutes_ago: int = 0, is_read: bool = False,
           type_: str = "money_received", metadata: dict | None = None) -> str:
    """A notification as another feature would write it (db.notifications.notify)."""
    notification_id = str(uuid.uuid4())
    db.execute(
        "INSERT INTO notifications (id, user_id, type, title, body, is_read, metadata, created_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, now() - make_interval(mins => %s))",
        (notification_id, caller.user_id, type_, title, f"{title} body", is_read,
         Jsonb(metadata or {}), minutes_ago))
    return notification_id


@pytest.fixture()
def inbox(api, db):
    """A user with three notifications (the oldest already read) and a stranger with one."""
    owner, stranger = api.user(), api.user()
    ids = [notify(db, owner, "old", minutes_ago=30, is_read=True),
           notify(db, owner, "middle", minutes_ago=20, metadata={"amount": "30.25"}),
           notify(db, owner, "new", minutes_ago=10)]
    notify(db, stranger, "not yours")
    return owner, stranger, ids


def unread_count(api, caller) -> int:
    response = api.get("/notifications/unread-count", caller)
    assert response.status_code == 200, response.json
    return response.json["data"]["count"]


def test_the_list_shows_only_my_notifications_newest_first(api, inbox):
    owner, _, ids = inbox
    response = api.get("/notifications", owner)
    assert response.status_code == 200
    page = response.json["data"]
    assert [item["notification_id"] for item in page["items"]] == ids[::-1]
    assert (page["total"], page["page"], page["per_page"], page["pages"]) == (3, 1, 20, 1)
    middle = page["items"][1]
    assert set(middle) == {"notification_id", "type", "title", "body", "is_read", "metadata",
                           "created_at"}
    assert middle["type"] == "money_received" and middle["title"] == "middle"
    assert middle["metadata"] == {"amount": "30.25"} and middle["is_read"] is False


def test_the_list_filters_unread_and_pages(api, inbox):
    owner, _, ids = inbox
    unread = api.get("/notifications?unread_only=true", owner).json["data"]
    assert [item["notification_id"] for item in unread["items"]] == [ids[2], ids[1]]
    second = api.get("/notifications?per_page=2&page=2", owner).json["data"]
    assert [item["notification_id"] for item in second["items"]] == [ids[0]]
    assert second["pages"] == 2


@pytest.mark.parametrize("query", ["per_page=101", "page=0", "unread_only=perhaps", "colour=red"])
def test_the_list_refuses_bad_query_arguments(api, query):
    response = api.get(f"/notifications?{query}", api.user())
    assert response.status_code == 422 and response.json["error_code"] == "VALIDATION_ERROR"


def test_reading_one_marks_it_and_lowers_the_unread_count(api, inbox):
    owner, _, ids = inbox
    assert unread_count(api, owner) == 2
    response = api.post(f"/notifications/{ids[1]}/read", owner)
    assert response.status_code == 200
    assert response.json["data"]["notification_id"] == ids[1]
    assert response.json["data"]["is_read"] is True
    assert unread_count(api, owner) == 1
    again = api.post(f"/notifications/{ids[1]}/read", owner)
    assert again.status_code == 200 and unread_count(api, owner) == 1


@pytest.mark.parametrize("which", ["strangers", "unknown", "malformed"])
def test_reading_a_notification_that_is_not_mine_is_not_found(api, db, inbox, which):
    owner, stranger, _ = inbox
    theirs = notify(db, stranger, "private")
    notification_id = {"strangers": theirs, "unknown": str(uuid.uuid4()), "malformed": "nope"}[which]
    response = api.post(f"/notifications/{notification_id}/read", owner)
    assert response.status_code == 404 and response.json["error_code"] == "NOTIFICATION_NOT_FOUND"
    still_unread = db.execute("SELECT NOT is_read FROM notifications WHERE id = %s", (theirs,))
    assert still_unread.fetchone()[0] is True


def test_read_all_marks_only_my_unread_ones(api, inbox):
    owner, stranger, _ = inbox
    response = api.post("/notifications/read-all", owner)
    assert response.status_code == 200 and response.json["data"] == {"marked": 2}
    assert unread_count(api, owner) == 0
    assert unread_count(api, stranger) == 1
    assert api.post("/notifications/read-all", owner).json["data"] == {"marked": 0}


def test_a_new_user_has_no_notifications(api):
    caller = api.user()
    assert api.get("/notifications", caller).json["data"]["items"] == []
    assert unread_count(api, caller) == 0


@pytest.mark.parametrize("method, path", [("GET", "/notifications"),
                                          ("GET", "/notifications/unread-count"),
                                          ("POST", "/notifications/read-all"),
                                          ("POST", f"/notifications/{NOWHERE}/read")])
def test_notifications_need_a_token(api, method, path):
    response = api.call(method, path)
    assert response.status_code == 401 and response.json["error_code"] == "TOKEN_MISSING"


def test_a_notification_written_by_another_feature_shows_up_unread(api, database_url):
    caller = api.user()
    with unit_of_work(database_url) as session:
        write_notification(session, uuid.UUID(caller.user_id), "wallet_frozen", "Wallet frozen",
                           "An administrator froze your wallet", {"reason": "review"})
    [item] = api.get("/notifications?unread_only=true", caller).json["data"]["items"]
    assert (item["type"], item["title"], item["is_read"]) == ("wallet_frozen", "Wallet frozen", False)
    assert item["metadata"] == {"reason": "review"}
    assert unread_count(api, caller) == 1
