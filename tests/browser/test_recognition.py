"""A sales member recognises a marketer; both agree to a spotlight story of it."""
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.checks import overflow, wide_elements
from tests.browser.test_surveys import _sign_in

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.locator(".nav-wide details.dropdown summary").click()
    page.get_by_role("button", name="Sign out").click()


def _both_widths(page, screenshot, name):
    """Screenshots at 1280 and 360 px; at 360 nothing may scroll sideways."""
    screenshot(f"{name}-1280")
    page.set_viewport_size({"width": 360, "height": 740})
    screenshot(f"{name}-360")
    assert overflow(page, 360) == 0, wide_elements(page, 360)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_recognition_to_spotlight_with_both_peoples_consent(
        app, page, live_server, make_user, screenshot):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    sam = make_user(team="Sales", name="Sam Rivera")
    maya = make_user(team="Marketing", name="Maya Chen")
    with app.app_context():
        item = factories.make_item(owners=(sam, maya), title="One definition of a qualified lead")

    _sign_in(page, live_server, sam.email)
    page.get_by_role("link", name="Recognition").first.click()
    expect(page.get_by_role("heading", name="Recognition")).to_be_visible()
    page.get_by_role("button", name="Recognise a colleague").click()
    page.get_by_label("Colleague in another team").select_option(label="Maya Chen")
    page.get_by_label("What they did").fill(
        "Maya turned our rejected leads into one definition both teams signed.")
    expect(page.locator('[data-count-for="text"]')).to_contain_text("69")
    page.get_by_label("Action item it was part of (optional)").select_option(
        label="One definition of a qualified lead")
    _both_widths(page, screenshot, "recognition-new")
    page.get_by_role("button", name="Recognise").click()
    expect(page.get_by_text("Maya Chen is told of your recognition.")).to_be_visible()
    recognition_url = page.url
    page.goto(f"{live_server}/recognition")
    expect(page.get_by_role("link", name="One definition of a qualified lead")).to_have_attribute(
        "href", f"/actions/{item}")
    _both_widths(page, screenshot, "recognition-feed")
    _sign_out(page)

    _sign_in(page, live_server, maya.email)
    expect(page.locator(".nav-wide .bell-count")).to_have_text("1")
    page.goto(f"{live_server}/notifications")
    page.get_by_role("button", name="Sam Rivera (Sales) recognised you").click()
    expect(page).to_have_url(recognition_url)
    expect(page.get_by_text("Maya turned our rejected leads")).to_be_visible()
    _sign_out(page)

    _sign_in(page, live_server, leader.email)
    page.goto(recognition_url)
    _both_widths(page, screenshot, "recognition-one")
    page.get_by_role("button", name="Ask to spotlight").click()
    page.get_by_label("Title").fill("One lead definition, agreed together")
    _both_widths(page, screenshot, "recognition-spotlight")
    page.get_by_role("button", name="Ask both people").click()
    expect(page.get_by_text("Both people are asked")).to_be_visible()
    _sign_out(page)

    for person in (sam, maya):
        _sign_in(page, live_server, person.email)
        page.goto(f"{live_server}/notifications")
        page.get_by_role("button", name="would like to tell your recognition").click()
        expect(page.get_by_role("heading", name="May this become a spotlight story?")
               ).to_be_visible()
        if person is sam:
            _both_widths(page, screenshot, "recognition-consent")
        page.get_by_role("button", name="Yes, publish it").click()
        expect(page.get_by_text("Your answer: yes" if person is sam else
                                "The story is published in the spotlight.")).to_be_visible()
        _sign_out(page)

    _sign_in(page, live_server, leader.email)
    page.get_by_role("link", name="Spotlight").first.click()
    page.get_by_role("link", name="One lead definition, agreed together").click()
    expect(page.get_by_role("link", name="recognition", exact=True)).to_have_attribute(
        "href", recognition_url.removeprefix(live_server))
    expect(page.get_by_role("link", name="One definition of a qualified lead")).to_be_visible()
    _both_widths(page, screenshot, "recognition-story")
