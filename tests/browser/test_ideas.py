import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_surveys import _sign_in

pytestmark = pytest.mark.browser


def test_post_see_a_hint_vote_change_vote_and_sort(
        app, page, live_server, make_user, screenshot):
    member = make_user(team="Sales", name="Sam Rivera")
    with app.app_context():
        round_id = factories.make_round(template=False, title="Q1 2027 alignment pulse")
        existing = factories.make_idea(round_id, "Agree one shared definition of a qualified "
                                                 "lead", team="Marketing")
        factories.make_idea(round_id, "Celebrate joint wins at the monthly all-hands")
    _sign_in(page, live_server, member.email)
    page.get_by_role("button", name="Idea board").click()
    page.get_by_label("Your idea").press_sequentially(
        "We should define a qualified lead together", delay=5)
    hint = page.locator("#similar-hints li")
    hint.first.wait_for()
    expect(hint.first).to_contain_text("Agree one shared definition of a qualified lead")
    screenshot("board-hint")

    page.get_by_label("Your idea").fill("Sales and marketing plan campaigns together "
                                        "<b>every quarter</b>")
    page.locator("#similar-hints").wait_for(state="hidden")
    page.get_by_role("button", name="Post idea").click()
    expect(page.get_by_text("Your idea is on the board.")).to_be_visible()
    expect(page.get_by_text("Sales and marketing plan campaigns together <b>every quarter</b>"),
           "shown as typed, escaped").to_be_visible()

    card = page.locator(f"#idea-{existing}")
    agree = card.get_by_role("button", name="Agree", exact=True)
    agree.click()
    expect(agree).to_have_attribute("aria-pressed", "true")
    card.get_by_role("button", name="Disagree").click()
    card = page.locator(f"#idea-{existing}")
    expect(card.get_by_role("button", name="Disagree")).to_have_attribute("aria-pressed", "true")
    expect(agree).to_have_attribute("aria-pressed", "false")

    page.get_by_role("link", name="Newest").click()
    page.get_by_role("link", name="Bridging").click()
    expect(page.get_by_role("link", name="Bridging")).to_have_attribute("aria-current", "true")
    expect(page).to_have_url(re.compile("sort=bridging"))
    screenshot("board")
    page.locator(f"#idea-{existing} .idea-text a").click()
    screenshot("idea")
    expect(page.get_by_role("heading", name="Support by team")).to_be_visible()


def test_the_idea_box_counts_characters_and_keeps_a_too_long_paste(
        app, page, live_server, make_user, screenshot):
    member = make_user(team="Sales", name="Sam Rivera")
    with app.app_context():
        round_id = factories.make_round(template=False, title="Q1 2027 alignment pulse")
    _sign_in(page, live_server, member.email)
    page.goto(f"{live_server}/rounds/{round_id}/ideas")
    box = page.get_by_label("Your idea")
    counter = page.locator('[data-count-for="text"]')
    expect(counter).to_have_text("0 / 1,000 characters")
    box.press_sequentially("Joint QBRs", delay=5)
    expect(counter).to_have_text("10 / 1,000 characters")
    pasted = "Plan campaigns with sales. " * 40  # 1,080 characters, more than fits
    box.fill(pasted)
    expect(counter).to_have_text("1,080 / 1,000 characters: 80 too many")
    expect(counter).to_have_class(re.compile("over"))
    assert box.input_value() == pasted, "nothing is cut on the way in"
    screenshot("idea-too-long")
    page.get_by_role("button", name="Post idea").click()
    expect(page.get_by_text("Keep it to at most 1,000 characters.")).to_be_visible()
    expect(box).to_have_value(pasted)
    expect(counter).to_contain_text("too many")
