"""/docs works offline: a real headless Chromium (the OS package) opens Swagger UI on a
real gunicorn, with every request to another host blocked, sees the operations and
runs "Try it out" on /healthz."""
from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.support.gunicorn import gunicorn

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("docs") / "gunicorn.log") as base_url:
        yield base_url


@pytest.fixture()
def page(server):
    """A browser page that can reach the service and nothing else; `page.elsewhere`
    lists every request it tried to send to another host."""
    own_host = urlsplit(server).netloc
    elsewhere: list[str] = []

    def only_the_service(route):
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context()
            context.route("**/*", only_the_service)
            page = context.new_page()
            page.elsewhere = elsewhere
            yield page
        finally:
            browser.close()


def test_swagger_ui_lists_the_operations_and_tries_healthz_with_no_other_host(page, server):
    page.goto(f"{server}/docs", wait_until="networkidle")
    assert page.elsewhere == [], f"/docs tried to reach other hosts: {page.elsewhere}"
    page.wait_for_selector(".opblock", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/auth/register" in [p.replace("\u200b", "") for p in paths]
    assert "/api/v1/transactions/send" in [p.replace("\u200b", "") for p in paths]

    healthz = page.locator("#operations-operations-get_healthz")
    healthz.locator(".opblock-summary").click()
    healthz.locator(".try-out__btn").click()
    healthz.locator(".execute").click()
    status = healthz.locator(".live-responses-table tbody .response-col_status")
    status.wait_for(timeout=10_000)
    assert status.inner_text().strip() == "200"
    body = healthz.locator(".live-responses-table tbody .response-col_description").inner_text()
    assert '"success": true' in body

    assert page.elsewhere == [], f"/docs tried to reach other hosts: {page.elsewhere}"
