"""A leader starts a pairing cycle; a participant meets their partner and shares a learning."""
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.live import sign_in

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.locator(".nav-wide details.dropdown summary").click()
    page.get_by_role("button", name="Sign out").click()


def _phone_and_desktop(page, screenshot, name):
    """Screenshots at 1280 and 360 px; on a phone the page must not scroll sideways."""
    screenshot(f"{name}-1280")
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    screenshot(f"{name}-360")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_cycle_from_start_to_a_shared_learning(page, live_server, make_user, screenshot):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    sam = make_user(team="Sales", name="Sam Rivera")
    make_user(team="Sales", name="Priya Shah")
    make_user(team="Marketing", name="Maya Chen")
    make_user(team="Marketing", name="Leo Brooks")

    sign_in(page, live_server, leader.email, factories.PASSWORD)
    page.locator(".nav-wide").get_by_role("link", name="Pairing").click()
    page.get_by_role("button", name="Start a cycle").click()
    page.get_by_label("Name").fill("Spring shadowing")
    page.get_by_label("Last day").fill("2099-01-31")
    expect(page.get_by_label("Sales")).to_be_checked()
    expect(page.get_by_label("Marketing")).to_be_checked()
    _phone_and_desktop(page, screenshot, "pairing-new")
    page.get_by_role("button", name="Start the cycle").click()
    expect(page.get_by_text("everyone is paired and told who with")).to_be_visible()
    expect(page.get_by_role("heading", name="Groups")).to_be_visible()
    _phone_and_desktop(page, screenshot, "pairing-cycle-leader")
    _sign_out(page)

    sign_in(page, live_server, sam.email, factories.PASSWORD)
    expect(page.locator(".nav-wide .bell-count")).to_have_text("1")
    page.locator(".nav-wide").get_by_role("link", name="Pairing").click()
    expect(page.get_by_text("You are paired with")).to_be_visible()
    _phone_and_desktop(page, screenshot, "pairing-home")
    page.get_by_role("link", name="Spring shadowing").first.click()
    expect(page.get_by_role("heading", name="Your partner")).to_be_visible()
    partner = page.locator(".partners li strong").first.inner_text()
    assert partner in ("Maya Chen", "Leo Brooks")
    expect(page.locator(".pairing-suggestion")).not_to_be_empty()
    page.get_by_label("What did you learn?").fill("Marketing scores leads on intent from our "
                                                  "own call notes.")
    expect(page.locator("[data-count-for]")).to_contain_text("1,000")
    page.get_by_label("Share it in the learnings feed").check()
    _phone_and_desktop(page, screenshot, "pairing-cycle-member")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Your learning is kept. It is in the feed.")).to_be_visible()
    expect(page.get_by_text("Your group met.")).to_be_visible()
    page.goto(f"{live_server}/pairing")
    page.get_by_role("button", name="Learnings feed").click()
    expect(page.get_by_text("Marketing scores leads on intent")).to_be_visible()
    expect(page.get_by_text("Sam Rivera (Sales)")).to_be_visible()
    _phone_and_desktop(page, screenshot, "pairing-feed")
