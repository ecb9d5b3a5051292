"""Voting from a full board on a phone: the page's one vote form, back to the card voted on."""
import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.checks import overflow
from tests.live import sign_in

pytestmark = pytest.mark.browser

PHONE = 360


def test_a_member_votes_down_a_full_board_on_a_phone(
        app, page, live_server, make_user, screenshot):
    member = make_user(team="Marketing", name="Mo Marketing")
    with app.app_context():
        round_id = factories.make_round(template=False, title="Q3 alignment pulse")
        ideas = [factories.make_idea(round_id, f"Shared idea number {n} for both teams",
                                     team=("Sales", "Marketing")[n % 2]) for n in range(20)]
    page.set_viewport_size({"width": PHONE, "height": 740})
    sign_in(page, live_server, member.email, factories.PASSWORD)
    page.goto(f"{live_server}/rounds/{round_id}/ideas?sort=newest")
    expect(page.get_by_role("heading", name="Ideas")).to_be_visible()
    assert page.locator("form#votes").count() == 1
    target = ideas[13]
    card = page.locator(f"#idea-{target}")
    card.get_by_role("button", name="Pass").click()
    expect(page).to_have_url(re.compile(rf"sort=newest#idea-{target}$"))
    card = page.locator(f"#idea-{target}")
    expect(card.get_by_role("button", name="Pass")).to_have_attribute("aria-pressed", "true")
    agree = card.get_by_role("button", name="Agree", exact=True)
    expect(agree).to_have_attribute("aria-pressed", "false")
    other = page.locator(f"#idea-{ideas[2]}")
    expect(other.get_by_role("button", name="Pass")).to_have_attribute("aria-pressed", "false")
    assert overflow(page, PHONE) == 0
    screenshot("board-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    card.get_by_role("button", name="Disagree").click()
    expect(page.locator(f"#idea-{target}").get_by_role("button", name="Disagree")) \
        .to_have_attribute("aria-pressed", "true")
    screenshot("board-desk")
