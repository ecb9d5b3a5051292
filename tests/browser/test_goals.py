"""A leader sets a shared goal, an owner checks in, the chart shows it, an item links to it."""
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.checks import overflow, smallest_chart_text
from tests.live import sign_in

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, email):
    sign_in(page, live_server, email, factories.PASSWORD)


def _sign_out(page):
    page.locator(".nav-wide details.dropdown summary").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_goal_from_setting_to_check_in_chart_and_linked_item(
        app, page, live_server, make_user, screenshot):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    owner = make_user(team="Sales", name="Sam Rivera")
    make_user(team="Marketing", name="Maya Chen")
    with app.app_context():
        item_id = factories.make_item(title="Round-robin routing for web leads")
    today = date.today()

    _sign_in(page, live_server, leader.email)
    page.get_by_role("navigation").get_by_role("link", name="Goals").first.click()
    page.get_by_role("button", name="New goal").click()
    page.get_by_label("Title").fill("Faster follow-up on inbound leads")
    page.get_by_label("What is measured").fill("Inbound leads contacted within a working day")
    page.get_by_label("Unit").fill("%")
    page.get_by_label("Start value (optional)").fill("40")
    page.get_by_label("Target", exact=True).fill("75")
    page.get_by_label("Period starts on").fill((today - timedelta(days=30)).isoformat())
    page.get_by_label("Period ends on").fill((today + timedelta(days=60)).isoformat())
    # Sales and Marketing are the teams offered first.
    expect(page.get_by_label("First team", exact=True)).to_have_value(str(owner.team_id))
    page.get_by_label("Owner from the first team").select_option(label="Sam Rivera")
    page.get_by_label("Owner from the second team").select_option(label="Maya Chen")
    screenshot("goal-new")
    page.get_by_role("button", name="Set goal").click()
    expect(page.get_by_text("The goal is set.")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("No check-in yet")
    goal_url = page.url
    _sign_out(page)

    _sign_in(page, live_server, owner.email)
    page.goto(goal_url)
    page.get_by_label("Value", exact=True).fill("61.5")
    page.get_by_label("Measured on").fill((today + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Post check-in").click()
    expect(page.get_by_text("A check-in cannot be dated in the future.")).to_be_visible()
    expect(page.get_by_label("Value", exact=True)).to_have_value("61.5")  # kept as typed
    page.get_by_label("Measured on").fill(today.isoformat())
    page.get_by_label("Note (optional)").fill("Chat leads now routed too.")
    page.get_by_role("button", name="Post check-in").click()
    expect(page.get_by_text("Your check-in is posted.")).to_be_visible()
    expect(page.locator("svg.goal-chart circle.goal-point")).to_have_count(1)
    expect(page.locator("svg.goal-chart polyline.goal-line")).to_have_count(1)
    expect(page.locator(".goal-history")).to_contain_text("Chat leads now routed too.")
    # 21.5 of 35 points: 61%, with a third of the period gone by.
    expect(page.locator("h1 .badge")).to_have_text("On track")
    screenshot("goal-page")
    _sign_out(page)

    _sign_in(page, live_server, leader.email)
    page.goto(f"{live_server}/actions/{item_id}")
    page.get_by_label("Link to a shared goal").select_option(
        label="Faster follow-up on inbound leads")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("The item now works toward that goal.")).to_be_visible()
    page.get_by_role("link", name="Faster follow-up on inbound leads").click()
    expect(page.get_by_role("heading", name="Action items toward this goal")).to_be_visible()
    expect(page.get_by_role("link", name="Round-robin routing for web leads")).to_be_visible()

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    expect(page.locator("svg.goal-chart")).to_be_visible()
    assert overflow(page, 360) == 0
    assert smallest_chart_text(page, "svg.goal-chart") >= 12
    screenshot("goal-page-phone")
