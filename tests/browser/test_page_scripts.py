"""The pages' behaviours run under the Content-Security-Policy, and nothing is blocked."""
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_surveys import _sign_in

pytestmark = pytest.mark.browser


def _watch_console(page):
    blocked = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    return blocked


def test_confirmations_and_filters_work_without_inline_script(
        app, page, live_server, make_user, screenshot):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    with app.app_context():
        draft = factories.make_round(state="draft", title="Next pulse")
        open_round = factories.make_round(template=False, title="This quarter")
        factories.make_idea(open_round, "Shared pipeline review", team="Sales")
        factories.make_idea(open_round, "Joint campaign calendar", team="Marketing")
    blocked = _watch_console(page)
    _sign_in(page, live_server, leader.email)

    page.goto(f"{live_server}/rounds/{draft}")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Open now").click()
    expect(page.locator("h1 .badge"), "a dismissed question sends nothing").to_have_text("Draft")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Open now").click()
    expect(page.locator("h1 .badge")).to_have_text("Open")

    page.goto(f"{live_server}/rounds/{open_round}/ideas")
    page.get_by_label("Author's team").select_option(label="Ideas from Marketing")
    page.wait_for_url("**team=*")
    expect(page.get_by_text("Joint campaign calendar")).to_be_visible()
    assert not page.get_by_text("Shared pipeline review").is_visible()
    screenshot("board-filtered")

    for path in ("/", "/actions/", "/spotlight", f"/rounds/{open_round}/themes",
                 f"/rounds/{open_round}/report"):
        page.goto(live_server + path)
    assert blocked == []
