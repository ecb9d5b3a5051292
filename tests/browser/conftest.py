"""Browser tests drive Debian's Chromium through Playwright against a live server."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from tests.browser.checks import accessibility_problems
from tests.conftest import make_config
from tests.live import serve
from webapp import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; Playwright's own browser download is never used."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page in its own browser context (own cookies).

    Every page the test loads is checked with axe-core afterwards, as whoever is signed
    in by then, while the server still runs: a critical or serious violation fails the
    test.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    visited = []
    page.on("load", lambda loaded: visited.append(loaded.url))
    yield page
    problems = _visited_problems(page, visited)
    context.close()
    assert problems == [], "\n".join(problems)


def _visited_problems(page, visited):
    """Open each page loaded during a test again and return axe-core's grave findings."""
    problems = []
    for url in dict.fromkeys(url.split("#")[0] for url in visited if url.startswith("http")):
        page.goto(url)
        problems.extend(accessibility_problems(page))
    return problems


@pytest.fixture
def live_server(app, database_url, config_overrides):
    """Serve an app that checks CSRF tokens, as in production, on a free local port."""
    config = make_config(database_url, **{**config_overrides, "WTF_CSRF_ENABLED": True})
    with serve(create_app(config)) as url:
        yield url


@pytest.fixture
def screenshot(page, tmp_path):
    """Save a full-page screenshot; also to $SCREENSHOT_DIR when set, for a person to look at."""
    def take(name):
        path = tmp_path / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        if os.environ.get("SCREENSHOT_DIR"):
            target = Path(os.environ["SCREENSHOT_DIR"])
            target.mkdir(parents=True, exist_ok=True)
            (target / path.name).write_bytes(path.read_bytes())
        return path
    return take
