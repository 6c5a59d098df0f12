"""The operator console in a real browser: headless Chromium (the OS package) driven by
Playwright against a real gunicorn and the real worker. A moderator signs in, approves
a KYC submission, resolves a dispute with a partial refund, freezes and unfreezes a
wallet, and each result is then read back through the API; a user-role account and a
form posted from another site are refused.

The super admin's dashboard is photographed on the way: the picture in docs/ is one
such run's (`CONSOLE_SCREENSHOT=docs/console.png` writes it there; otherwise it goes to
the test's temporary directory).
"""
from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.support.api import PASSWORD
from tests.support.console import opened_dispute, sent_debit, staff
from tests.support.gunicorn import gunicorn
from tests.support.kyc import new_number, submitted

pytestmark = pytest.mark.usefixtures("worker")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]
ATTACKER = "http://attacker.test"


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("console") / "gunicorn.log") as base_url:
        yield base_url


@pytest.fixture()
def browser(server):
    """Pages that reach the service and a made-up attacker site, nothing else; every
    request elsewhere and every message the browser logs (a blocked inline script or
    style would be one) is kept for the test to look at."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        chromium.elsewhere, chromium.messages = [], []
        try:
            yield Browser(chromium, server)
        finally:
            chromium.close()


class Browser:
    def __init__(self, chromium, server: str):
        self.chromium, self.server = chromium, server
        self.elsewhere, self.messages, self.attacker_page = chromium.elsewhere, chromium.messages, ""

    def page(self):
        context = self.chromium.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", self._only_the_service)
        page = context.new_page()
        page.on("console", lambda message: self.messages.append(message.text))
        return page

    def signed_in(self, caller):
        page = self.page()
        page.goto(f"{self.server}/console/")
        assert "/console/sign-in" in page.url
        response = self.submit(page, lambda: self._fill_sign_in(page, caller))
        assert response.status == 200 and urlsplit(page.url).path == "/console/", page.content()[:500]
        return page

    @staticmethod
    def submit(page, action):
        """Runs `action` (a click that submits a form) and returns the response of the
        page the browser ends up on."""
        with page.expect_navigation() as navigation:
            action()
        return navigation.value

    @staticmethod
    def _fill_sign_in(page, caller):
        page.fill("input[name=email]", caller.email)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()

    def _only_the_service(self, route):
        url = route.request.url
        if urlsplit(url).netloc == urlsplit(self.server).netloc:
            route.continue_()
        elif url.startswith(ATTACKER):
            route.fulfill(status=200, content_type="text/html", body=self.attacker_page)
        else:
            self.elsewhere.append(url)
            route.abort()


def test_a_moderator_decides_kyc_refunds_part_of_a_dispute_and_freezes_a_wallet(browser, api, db):
    moderator = staff(api)
    applicant = api.wallet(kyc=False)
    number = new_number("pan")
    submission = submitted(api, applicant, "pan", number)
    payer, payee = api.wallet(funds="100.00"), api.wallet()
    debit = sent_debit(api, payer, payee, "60.00")
    dispute = opened_dispute(api, payer, debit["transaction_id"])
    target = api.wallet()

    page = browser.signed_in(moderator)

    # KYC: the number only on a click, then approval.
    # The queue is oldest first: other tests of this process may have left submissions
    # ahead of this one, beyond the first page, so the list is narrowed to the applicant.
    page.get_by_role("link", name="KYC queue").click()
    page.goto(f"{page.url}?user_id={applicant.user_id}")
    page.locator("tr", has_text=applicant.email).get_by_role("link", name="Open").click()
    assert page.url.endswith(f"/console/kyc/{submission}")
    assert page.locator("#document-number").count() == 0
    browser.submit(page, lambda: page.get_by_role("button", name="Show the full number").click())
    assert page.locator("#document-number").inner_text() == number
    browser.submit(page, lambda: page.get_by_role("button", name="Approve").click())
    assert "Approved" in page.locator(".notice").inner_text()
    assert api.get("/kyc/status", applicant).json["data"]["status"] == "verified"
    assert api.get("/wallets/me", applicant).json["data"]["kyc_verified"] is True

    # Dispute: 25.50 of the 60.00 back, the rest still refundable.
    page.get_by_role("link", name="Disputes").click()
    page.goto(f"{page.url}?user_id={payer.user_id}")
    page.locator("tr", has_text=debit["reference_id"]).get_by_role("link", name="Open").click()
    assert page.locator("#refundable").inner_text() == "60.00 INR"
    page.get_by_label("Refund part of it").check()
    page.fill("input[name=refund_amount]", "25.50")
    page.fill("textarea[name=resolution_notes]", "Half of the order arrived")
    browser.submit(page, lambda: page.get_by_role("button", name="Resolve").click())
    assert "Refund of 25.50 INR queued" in page.locator(".notice").inner_text()
    seen = api.get(f"/disputes/{dispute['dispute_id']}", payer).json["data"]
    assert (seen["status"], seen["refund_amount"]) == ("resolved_refund", "25.50")
    refund = api.wait_finished(payer, seen["refund_operation_id"])
    assert refund["status"] == "completed", refund
    assert Decimal(api.balance(payer)) == Decimal("65.50")
    assert Decimal(api.balance(payee)) == Decimal("34.50")
    page.reload()
    assert page.locator("#refundable").inner_text() == "34.50 INR"

    # Wallet: found by its id, frozen with a reason, unfrozen.
    page.get_by_role("link", name="Wallets").click()
    page.fill("input[name=q]", target.wallet_id)
    browser.submit(page, lambda: page.get_by_role("button", name="Search").click())
    assert page.locator("#wallet-status").inner_text() == "active"
    page.fill("form[action$='/freeze'] textarea[name=reason]", "Card testing pattern")
    browser.submit(page, lambda: page.get_by_role("button", name="Freeze the wallet").click())
    assert page.locator("#wallet-status").inner_text() == "frozen"
    assert page.locator("#available-balance").inner_text() == "0.00"
    mine = api.get("/wallets/me", target).json["data"]
    assert (mine["status"], mine["freeze_reason"]) == ("frozen", "admin")
    page.fill("form[action$='/unfreeze'] textarea[name=reason]", "Pattern explained")
    browser.submit(page, lambda: page.get_by_role("button", name="Unfreeze the wallet").click())
    assert page.locator("#wallet-status").inner_text() == "active"
    assert api.get("/wallets/me", target).json["data"]["status"] == "active"

    # The same audit rows as the API's, by the moderator.
    actions = {row[0] for row in db.execute(
        "SELECT action FROM audit_logs WHERE actor_id = %s", (moderator.user_id,))}
    assert {"VIEWED_KYC_DOCUMENT", "APPROVED_KYC", "RESOLVE_DISPUTE", "FREEZE_WALLET",
            "UNFREEZE_WALLET"} <= actions

    # A page for admins only: 403, in words.
    refused = page.goto(f"{browser.server}/console/ledger-health")
    assert refused.status == 403 and "your role is moderator" in page.content()

    browser.submit(page, lambda: page.get_by_role("button", name="Sign out").click())
    assert "You are signed out" in page.content()
    assert browser.elsewhere == [] and _policy_violations(browser.messages) == []


def test_a_user_role_account_is_refused(browser, api):
    user = api.user()
    page = browser.page()
    page.goto(f"{browser.server}/console/sign-in")
    response = browser.submit(page, lambda: Browser._fill_sign_in(page, user))
    assert response.status == 403
    assert "has the role user" in page.content()
    assert page.context.cookies() == []
    assert "/console/sign-in" in page.goto(f"{browser.server}/console/kyc").url


def test_a_form_posted_from_another_site_is_refused_and_changes_nothing(browser, api):
    moderator, target = staff(api), api.wallet()
    page = browser.signed_in(moderator)
    browser.attacker_page = (
        "<!doctype html><title>Win a prize</title>"
        f'<form method="post" action="{browser.server}/console/wallets/{target.wallet_id}/freeze">'
        '<input type="hidden" name="reason" value="Frozen by a stranger">'
        '<input type="hidden" name="csrf_token" value="guessed">'
        "<button>Claim your prize</button></form>")
    page.goto(f"{ATTACKER}/prize")
    response = browser.submit(page, lambda: page.get_by_role("button", name="Claim your prize").click())
    assert response.status == 403
    assert "not sent from a page of the console" in page.content()
    assert api.get("/wallets/me", target).json["data"]["status"] == "active"


def test_the_super_admins_dashboard_charts_daily_volume(browser, api, tmp_path):
    api.wallet(funds="250.00")
    page = browser.signed_in(staff(api, "super_admin", full_name="Sam Super"))
    chart = page.locator("svg.chart").first
    assert chart.is_visible()
    assert chart.locator("rect.bar").count() == 30
    # One chart per currency: other tests of this process may have moved EUR as well.
    assert any("INR" in caption for caption in page.locator("figure figcaption").all_inner_texts())
    picture = Path(os.environ.get("CONSOLE_SCREENSHOT") or tmp_path / "console.png")
    page.screenshot(path=str(picture), full_page=True)
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _policy_violations(browser.messages) == []


def _policy_violations(messages: list[str]) -> list[str]:
    return [message for message in messages if "Content Security Policy" in message]
