"""The operator console without a browser: signing in and out, the session's idle
timeout, the form token and origin checks on every post, the security headers, roles
and segregation of duties, errors in words, and hostile input on its routes. The pages
call the API's services, so what they change is checked through the API."""
from __future__ import annotations

import re
import time
import uuid

import pytest

from tests.support.api import PASSWORD
from tests.support.console import ORIGIN, Console, opened_dispute, sent_debit, staff, text
from tests.support.kyc import submitted
from tests.support.routes import NOWHERE
from tests.support.waiting import eventually

pytestmark = pytest.mark.usefixtures("worker")


@pytest.fixture()
def moderator(api):
    return staff(api)


@pytest.fixture()
def console(app, moderator):
    signed_in = Console(app.test_client())
    assert signed_in.sign_in(moderator).status_code == 303
    return signed_in


def wallet_status(api, caller) -> str:
    return api.get("/wallets/me", caller).json["data"]["status"]


def audit_rows(db, action: str, target_id) -> int:
    return db.execute("SELECT count(*) FROM audit_logs WHERE action = %s AND target_id = %s",
                      (action, str(target_id))).fetchone()[0]


# --- signing in and out --------------------------------------------------------------
def test_signing_in_sets_an_http_only_same_site_strict_session_cookie(app, moderator):
    console = Console(app.test_client())
    response = console.sign_in(moderator)
    assert (response.status_code, response.headers["Location"]) == (303, "/console/")
    [cookie] = response.headers.getlist("Set-Cookie")
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert {"httponly", "samesite=strict", "path=/"} <= set(attributes)
    assert "secure" not in attributes  # only in production (see the settings test below)
    dashboard = console.get("/console/")
    assert dashboard.status_code == 200 and "KYC submissions waiting" in text(dashboard)
    assert moderator.email in text(dashboard)


def test_the_cookie_is_secure_and_host_only_in_production():
    from settings import Settings
    from web.console import sessions

    production = Settings(env="production")
    assert sessions.cookie_name(production) == "__Host-vp_console"
    assert sessions.cookie_options(production) == {"httponly": True, "samesite": "Strict",
                                                   "secure": True, "path": "/"}


def test_a_page_without_a_session_sends_the_browser_to_sign_in_and_back(app):
    response = app.test_client().get("/console/wallets?status=frozen")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/console/sign-in?next=")
    assert "status%3Dfrozen" in response.headers["Location"]


def test_after_sign_in_the_browser_returns_to_the_page_it_asked_for_on_this_host_only(app, moderator):
    asked = Console(app.test_client()).sign_in(moderator, next="/console/disputes?status=open")
    assert asked.headers["Location"] == "/console/disputes?status=open"
    for elsewhere in ("https://evil.example/console", "//evil.example/console", "/\\evil.example",
                      "/api/v1/wallets/me"):
        response = Console(app.test_client()).sign_in(moderator, next=elsewhere)
        assert response.headers["Location"] == "/console/", elsewhere


def test_a_wrong_password_is_refused_in_words_and_opens_no_session(app, moderator):
    console = Console(app.test_client())
    response = console.sign_in(moderator, password="not the password")
    assert response.status_code == 401
    assert "Invalid email or password" in text(response)
    assert console.cookie() is None


def test_console_sign_ins_count_against_the_apis_login_throttle(database_url, api):
    from web.app import create_app

    moderator = staff(api)
    strict = create_app({"login_rate_per_email": 2})
    console = Console(strict.test_client())
    assert [console.sign_in(moderator, password="wrong").status_code for _ in range(2)] == [401, 401]
    limited = console.sign_in(moderator)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert "Too many requests" in text(limited)
    api_login = strict.test_client().post("/api/v1/auth/login",
                                          json={"email": moderator.email, "password": PASSWORD})
    assert api_login.status_code == 429  # one budget for both doors


def test_signing_in_again_replaces_the_earlier_session(app, console, moderator):
    earlier = console.cookie()
    assert console.sign_in(moderator).status_code == 303
    assert console.cookie() != earlier and console.get("/console/").status_code == 200
    replayed = app.test_client()
    replayed.set_cookie("vp_console", earlier)
    assert replayed.get("/console/").status_code == 303


def test_a_user_role_account_is_refused_with_403_and_gets_no_session(app, api):
    user = api.user()
    console = Console(app.test_client())
    response = console.sign_in(user)
    assert response.status_code == 403
    assert "for moderators, admins and super admins" in text(response)
    assert "has the role user" in text(response)
    assert console.cookie() is None
    assert console.get("/console/").status_code == 303


def test_signing_out_ends_the_session_for_good(app, console, moderator, db):
    cookie = console.cookie()
    response = console.post("/console/sign-out")
    assert (response.status_code, response.headers["Location"]) == (
        303, "/console/sign-in?why=signed_out")
    assert console.cookie() is None

    replayed = app.test_client()
    replayed.set_cookie("vp_console", cookie)
    assert replayed.get("/console/").status_code == 303
    assert db.execute("SELECT count(*) FROM refresh_tokens WHERE user_id = %s AND jti LIKE 'console-%%'"
                      " AND revoked_at IS NULL", (moderator.user_id,)).fetchone()[0] == 0


def test_a_deactivated_moderator_is_refused_at_once_and_stays_signed_out(app, api, console, moderator):
    admin = staff(api, "admin")
    api.post(f"/admin/users/{moderator.user_id}/deactivate", admin, json={"reason": "Left the team"})
    refused = console.get("/console/kyc")
    assert refused.status_code == 403 and "deactivated" in text(refused)

    api.post(f"/admin/users/{moderator.user_id}/reactivate", admin)
    assert console.get("/console/kyc").status_code == 303  # the old session stays dead
    assert Console(app.test_client()).sign_in(moderator).status_code == 303


def test_an_idle_session_ends_after_the_idle_timeout(database_url, api):
    from web.app import create_app

    moderator = staff(api)
    console = Console(create_app({"console_idle_timeout_s": 1}).test_client())
    console.sign_in(moderator)
    assert console.get("/console/").status_code == 200
    time.sleep(1.6)  # idle: no request at all for longer than the timeout
    response = console.get("/console/kyc")
    assert response.status_code == 303
    assert "why=ended" in response.headers["Location"]
    assert "idle for too long" in text(console.get(response.headers["Location"]))


def test_each_request_restarts_the_idle_clock(database_url, api):
    from web.app import create_app

    moderator = staff(api)
    console = Console(create_app({"console_idle_timeout_s": 2}).test_client())
    console.sign_in(moderator)
    for _ in range(4):  # 4 x 0.8 s: longer in all than the timeout, never idle for it
        assert console.get("/console/").status_code == 200
        time.sleep(0.8)
    assert console.get("/console/").status_code == 200


# --- forms: the token and the origin -------------------------------------------------
def test_a_post_without_the_form_token_or_with_another_is_refused_and_changes_nothing(api, console):
    owner = api.wallet()
    for token in ("", "not-the-token"):
        response = console.post(f"/console/wallets/{owner.wallet_id}/freeze",
                                {"reason": "Fraud", "csrf_token": token or None}, token=token)
        assert response.status_code == 403, token
        assert "not sent from a page of the console" in text(response)
    assert wallet_status(api, owner) == "active"


def test_every_form_that_posts_carries_the_sessions_token(api, console, db):
    token = console.form_token()
    user = api.wallet(kyc=False)
    payer, payee = api.wallet(funds="10.00"), api.wallet()
    dispute = opened_dispute(api, payer, sent_debit(api, payer, payee, "1.00")["transaction_id"])
    db.execute("UPDATE wallets SET status = 'frozen', freeze_reason = 'self' WHERE id = %s",
               (user.wallet_id,))
    for path in (f"/console/kyc/{submitted(api, user)}", f"/console/disputes/{dispute['dispute_id']}",
                 f"/console/wallets/{user.wallet_id}"):
        html = text(console.get(path))
        forms = re.findall(r'<form[^>]*method="post".*?</form>', html, re.S)
        assert len(forms) >= 2, path  # sign out, and the page's own actions
        for form in forms:
            assert f'name="csrf_token" value="{token}"' in form, (path, form[:200])


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "http://localhost:8081"},
    {"Origin": "null"},
    {"Origin": "", "Referer": "http://evil.example/form"},
    {"Origin": ""},
])
def test_a_post_from_another_origin_is_refused_even_with_the_form_token(api, console, headers):
    owner = api.wallet()
    response = console.post(f"/console/wallets/{owner.wallet_id}/freeze", {"reason": "Fraud"},
                            headers=headers)
    assert response.status_code == 403
    assert "CROSS_SITE_REQUEST_REFUSED" in text(response)
    assert wallet_status(api, owner) == "active"


def test_a_post_whose_referer_is_this_host_is_accepted(api, console):
    owner = api.wallet()
    response = console.post(f"/console/wallets/{owner.wallet_id}/freeze", {"reason": "Fraud"},
                            headers={"Origin": "", "Referer": f"{ORIGIN}/console/wallets"})
    assert response.status_code == 303
    assert wallet_status(api, owner) == "frozen"


def test_a_sign_in_posted_from_another_site_is_refused(app, moderator):
    response = app.test_client().post("/console/sign-in", headers={"Origin": "http://evil.example"},
                                      data={"email": moderator.email, "password": PASSWORD})
    assert response.status_code == 403 and "Set-Cookie" not in response.headers


# --- headers ---------------------------------------------------------------------------
def test_every_console_page_carries_a_strict_policy_and_no_script(app, console, api):
    pages = [console.get("/console/"), console.get("/console/kyc"), console.get("/console/nope"),
             console.get("/console/ledger-health"), app.test_client().get("/console/sign-in")]
    for response in pages:
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "default-src 'self'" in policy and "form-action 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        html = text(response)
        assert "<script" not in html and " style=" not in html and "javascript:" not in html
        assert not re.search(r'(src|href)="(https?:)?//', html), "nothing from another host"
    stylesheet = app.test_client().get("/console/static/console.css")
    assert stylesheet.status_code == 200 and stylesheet.mimetype == "text/css"


def test_console_routes_are_html_outside_the_openapi_document(app):
    paths = app.test_client().get("/api/v1/openapi.json").json["paths"]
    assert not [path for path in paths if path.startswith("/console")]


# --- roles, duties, audit --------------------------------------------------------------
def test_a_moderator_gets_403_in_words_on_an_admin_page_and_its_button(console):
    for response in (console.get("/console/ledger-health"),
                     console.post("/console/ledger-health/reconciliation")):
        assert response.status_code == 403
        assert "for the role admin and above; your role is moderator" in text(response)


def test_the_statistics_and_chart_are_for_super_admins_as_the_api_says(app, api, console):
    api.wallet(funds="75.00")  # today's volume is not zero
    assert "Daily volume" not in text(console.get("/console/"))
    boss = Console(app.test_client())
    boss.sign_in(staff(api, "super_admin"))
    dashboard = text(boss.get("/console/"))
    assert "Daily volume" in dashboard and '<svg class="chart"' in dashboard
    assert dashboard.count('<rect class="bar"') >= 30  # a bar per day, empty ones too
    heights = re.findall(r'<rect class="bar"[^>]* height="([0-9.]+)"', dashboard)
    assert float(heights[-1]) > 0  # today, the last bar


def test_nobody_freezes_their_own_wallet_or_decides_their_own_kyc(api, console, moderator, db):
    own_freeze = console.post(f"/console/wallets/{moderator.wallet_id}/freeze", {"reason": "test"})
    assert own_freeze.status_code == 403 and "SELF_ACTION_NOT_ALLOWED" in text(own_freeze)
    assert wallet_status(api, moderator) == "active"

    db.execute("UPDATE wallets SET kyc_verified = false WHERE id = %s", (moderator.wallet_id,))
    submission = submitted(api, moderator)
    for action in ("document", "approve"):
        response = console.post(f"/console/kyc/{submission}/{action}")
        assert response.status_code == 403, action
        assert "Another moderator must handle your own KYC submission" in text(response)
    assert audit_rows(db, "VIEWED_KYC_DOCUMENT", submission) == 0


def test_the_number_is_shown_only_on_a_click_and_each_view_is_audited(api, console, db):
    user = api.wallet(kyc=False)
    submission = submitted(api, user)
    page = console.get(f"/console/kyc/{submission}")
    assert page.status_code == 200 and 'id="document-number"' not in text(page)
    assert audit_rows(db, "VIEWED_KYC_DOCUMENT", submission) == 0

    shown = console.post(f"/console/kyc/{submission}/document")
    assert shown.status_code == 200 and 'id="document-number"' in text(shown)
    assert audit_rows(db, "VIEWED_KYC_DOCUMENT", submission) == 1


def test_a_rejection_needs_a_reason_and_is_seen_by_the_owner(api, console):
    user = api.wallet(kyc=False)
    submission = submitted(api, user)
    missing = console.post(f"/console/kyc/{submission}/reject", {"rejection_reason": "   "})
    assert missing.status_code == 422 and "rejection reason" in text(missing)
    done = console.post(f"/console/kyc/{submission}/reject",
                        {"rejection_reason": "The photo is unreadable"})
    assert done.status_code == 303
    status = api.get("/kyc/status", user).json["data"]
    assert (status["status"], status["rejection_reason"]) == ("rejected", "The photo is unreadable")


def test_a_refund_beyond_what_is_refundable_is_refused_in_words_and_moves_nothing(api, console):
    payer, payee = api.wallet(funds="100.00"), api.wallet()
    dispute = opened_dispute(api, payer, sent_debit(api, payer, payee, "40.00")["transaction_id"])
    path = f"/console/disputes/{dispute['dispute_id']}"
    assert "40.00 INR" in text(console.get(path))
    too_much = console.post(path + "/resolve", {"outcome": "partial_refund", "refund_amount": "40.01",
                                                "resolution_notes": "Partly delivered"})
    assert too_much.status_code == 422 and "REFUND_EXCEEDS_REFUNDABLE" in text(too_much)
    no_amount = console.post(path + "/resolve", {"outcome": "partial_refund",
                                                 "resolution_notes": "Partly delivered"})
    assert no_amount.status_code == 422 and "Enter the amount of a partial refund" in text(no_amount)
    assert api.get(f"/disputes/{dispute['dispute_id']}", payer).json["data"]["status"] == "open"


def test_a_dispute_is_rejected_with_notes_the_disputer_reads(api, console):
    payer, payee = api.wallet(funds="20.00"), api.wallet()
    dispute = opened_dispute(api, payer, sent_debit(api, payer, payee, "5.00")["transaction_id"])
    response = console.post(f"/console/disputes/{dispute['dispute_id']}/resolve",
                            {"outcome": "reject", "resolution_notes": "Delivery confirmed"})
    assert response.status_code == 303
    seen = api.get(f"/disputes/{dispute['dispute_id']}", payer).json["data"]
    assert (seen["status"], seen["resolution_notes"]) == ("resolved_rejected", "Delivery confirmed")


# --- lists -------------------------------------------------------------------------------
def test_lists_paginate_and_keep_their_filters(api, console):
    owner = api.wallet(funds="30.00")
    for _ in range(2):
        api.topup(owner, "1.00", wait=10)
    first = text(console.get(f"/console/operations?wallet_id={owner.wallet_id}&per_page=2"))
    assert "Page 1 of 2 · 3 in all" in first
    assert f'href="/console/operations?wallet_id={owner.wallet_id}&amp;per_page=2&amp;page=2"' in first
    second = text(console.get(f"/console/operations?wallet_id={owner.wallet_id}&per_page=2&page=2"))
    assert "Page 2 of 2" in second and "rel=\"next\"" not in second


def test_wallet_search_finds_by_email_part_and_goes_straight_to_a_wallet_id(api, console):
    owner = api.wallet()
    found = text(console.get(f"/console/wallets?q={owner.email[:9].upper()}"))
    assert owner.wallet_id in found and "1 in all" in found
    direct = console.get(f"/console/wallets?q={owner.wallet_id.lower()}")
    assert (direct.status_code, direct.headers["Location"]) == (303, f"/console/wallets/{owner.wallet_id}")


def test_the_transactions_page_filters_by_wallet_and_category(api, console):
    owner = api.wallet(funds="12.34")
    page = text(console.get(f"/console/transactions?wallet_id={owner.wallet_id}&category=topup"))
    assert "12.34 INR" in page and "1 in all" in page
    none = text(console.get(f"/console/transactions?wallet_id={owner.wallet_id}&category=refund"))
    assert "0 in all" in none


# --- hostile input ------------------------------------------------------------------------
@pytest.mark.parametrize("path", [
    "/console/wallets/VPY-%00AAAA", "/console/kyc/a%00b", "/console/disputes?status=%00",
    "/console/operations?wallet_id=a%00b", "/console/wallets?a%00b=1",
    "/console/transactions?start_date=%ED%A0%80",
])
def test_a_nul_or_a_surrogate_in_a_path_or_query_is_a_422_page(console, path):
    response = console.get(path)
    assert response.status_code == 422, text(response)[:300]
    assert response.mimetype == "text/html" and "Please check what you entered" in text(response)


@pytest.mark.parametrize("query", ["page=0", "page=1e400", "page=99999999999", "per_page=1000",
                                   "per_page=NaN", "status=nope", "start_date=2024-13-40",
                                   "start_date=2024-02-02&end_date=2024-02-01", "unknown=1",
                                   "wallet_id=" + "9" * 5000])
def test_bad_filters_are_422_pages_never_500(console, query):
    for path in ("/console/transactions", "/console/operations"):
        response = console.get(f"{path}?{query}")
        assert 400 <= response.status_code < 500, (path, query, response.status_code)
        assert response.mimetype == "text/html"


@pytest.mark.parametrize("ident", ["nope", "9" * 5000, NOWHERE, "%2e%2e%2f"])
def test_unknown_or_malformed_ids_are_404_pages(console, ident):
    for path in (f"/console/kyc/{ident}", f"/console/disputes/{ident}", f"/console/wallets/{ident}"):
        response = console.get(path)
        assert response.status_code == 404, (path, response.status_code)
        assert "Not found" in text(response)


def test_a_nul_in_a_form_field_is_a_422_page_and_changes_nothing(api, console):
    owner = api.wallet()
    response = console.post(f"/console/wallets/{owner.wallet_id}/freeze", {"reason": "a\x00b"})
    assert response.status_code == 422 and "NUL" in text(response)
    assert wallet_status(api, owner) == "active"


def test_a_body_past_the_limit_is_a_413_page(api, console):
    owner = api.wallet()
    response = console.post(f"/console/wallets/{owner.wallet_id}/freeze", {"reason": "x" * 70_000})
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert wallet_status(api, owner) == "active"


def test_markup_in_a_users_name_is_shown_as_text(api, console):
    user = api.wallet(api.user(full_name="<script>alert(1)</script>"), kyc=False)
    submission = submitted(api, user)
    page = text(console.get(f"/console/kyc/{submission}"))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_json_post_is_not_a_form_and_is_refused(api, console):
    owner = api.wallet()
    response = console.client.post(f"/console/wallets/{owner.wallet_id}/freeze",
                                   json={"reason": "x", "csrf_token": console.form_token()},
                                   headers={"Origin": ORIGIN})
    assert response.status_code == 403
    assert wallet_status(api, owner) == "active"


# --- external identity: a pasted token ---------------------------------------------------
@pytest.fixture(scope="module")
def issuer():
    from tests.support.issuer import Issuer

    with Issuer() as running:
        yield running


@pytest.fixture(scope="module")
def external_app(database_url, issuer):
    from tests.support.issuer import AUDIENCE, ISSUER
    from web.app import create_app

    return create_app({"auth_mode": "external", "external_issuer": ISSUER,
                       "external_audience": AUDIENCE, "external_max_role": "admin",
                       "external_jwks_url": issuer.url("/.well-known/jwks.json"),
                       "external_jwks_min_refresh_s": 0.0})


def token_sign_in(client, token: str):
    return client.post("/console/sign-in/token", data={"token": token}, headers={"Origin": ORIGIN})


def test_with_external_identity_a_moderators_token_signs_in_and_logout_revokes_it(external_app, issuer):
    token = issuer.token(str(uuid.uuid4()), roles=["moderator"])
    console = Console(external_app.test_client())
    form = text(console.get("/console/sign-in"))
    assert 'name="token"' in form and 'name="password"' not in form
    assert token_sign_in(console.client, token).status_code == 303
    assert console.get("/console/disputes").status_code == 200

    console.post("/console/sign-out")
    me = external_app.test_client().get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert (me.status_code, me.json["error_code"]) == (401, "TOKEN_REVOKED")
    assert token_sign_in(console.client, token).status_code == 401


def test_with_external_identity_a_users_expired_or_forged_token_is_refused(external_app, issuer):
    client = external_app.test_client()
    user = token_sign_in(client, issuer.token(str(uuid.uuid4()), roles=["user"]))
    assert user.status_code == 403 and "has the role user" in text(user)
    expired = token_sign_in(client, issuer.token(str(uuid.uuid4()), roles=["moderator"],
                                                 exp=int(time.time()) - 60))
    assert expired.status_code == 401 and "Token has expired" in text(expired)
    forged = token_sign_in(client, issuer.hs256_with_public_key(str(uuid.uuid4())))
    assert forged.status_code == 401 and "Token is invalid" in text(forged)
    password = client.post("/console/sign-in", headers={"Origin": ORIGIN},
                           data={"email": "a@example.com", "password": PASSWORD})
    assert password.status_code == 404
    assert client.get_cookie("vp_console") is None


def test_an_external_token_that_expires_ends_the_console_session(external_app, issuer):
    console = Console(external_app.test_client())
    short = issuer.token(str(uuid.uuid4()), roles=["moderator"], exp=int(time.time()) + 2)
    assert token_sign_in(console.client, short).status_code == 303
    assert console.get("/console/").status_code == 200
    # Past the expiry and the 5 s leeway every token check allows.
    response = eventually(lambda: (page := console.get("/console/")).status_code == 303 and page,
                          timeout_s=20, interval_s=0.5)
    assert response and "why=TOKEN_EXPIRED" in response.headers["Location"]
    assert "Your token has expired" in text(console.get(response.headers["Location"]))
