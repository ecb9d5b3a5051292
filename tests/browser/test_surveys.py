import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.live import sign_in

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, email):
    sign_in(page, live_server, email, factories.PASSWORD)


def test_staff_member_answers_the_open_round_once(
        app, page, live_server, make_user, screenshot):
    member = make_user(team="Sales", name="Sam Rivera")
    with app.app_context():
        factories.make_round(title="Q1 2027 alignment pulse")
    _sign_in(page, live_server, member.email)
    page.get_by_role("button", name="Answer").click()
    expect(page.get_by_text("This survey is anonymous.")).to_be_visible()

    likert_groups = page.locator("fieldset")
    for index in range(1, likert_groups.count()):  # leave the first required item empty
        likert_groups.nth(index).get_by_label("Agree", exact=True).check()
    idea = page.get_by_label("What one change would most improve how sales and marketing "
                             "work together?")
    idea.fill("One shared definition of a qualified lead.")
    page.get_by_role("button", name="Submit").click()

    error = page.locator(".has-error .field-error")
    expect(error).to_have_text("Choose an answer: this question is required.")
    assert idea.input_value() == "One shared definition of a qualified lead."
    assert likert_groups.nth(1).get_by_label("Agree", exact=True).is_checked()
    screenshot("answer-error")

    likert_groups.nth(0).get_by_label("Strongly agree").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/thanks")
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    screenshot("thanks")

    page.goto(live_server + "/")
    expect(page.get_by_text("Submitted ✓")).to_be_visible()
    expect(page.get_by_role("button", name="Answer")).to_have_count(0)
    page.go_back()
    page.goto(page.url.replace("/thanks", "/answer"))
    expect(page, "the survey cannot be answered again").to_have_url(re.compile("/thanks$"))


def test_leader_creates_a_round_edits_an_item_and_opens_it(
        page, live_server, make_user, screenshot):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    make_user(team="Sales")
    _sign_in(page, live_server, leader.email)
    page.get_by_role("link", name="Rounds").click()
    screenshot("rounds-empty")
    page.get_by_role("button", name="New round").click()
    page.get_by_label("Title").fill("Q1 2027 alignment pulse")
    screenshot("round-new")
    page.get_by_role("button", name="Create round").click()
    expect(page.get_by_text("The round is created as a draft.")).to_be_visible()
    screenshot("round-manage")

    page.get_by_role("link", name="Edit").first.click()
    page.get_by_label("Question", exact=True).fill(
        "I can explain in one sentence where our company is heading.")
    screenshot("question-edit")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("where our company is heading")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Open now").click()
    expect(page.get_by_text("The round is open.")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("Open")
    page.get_by_role("button", name="Preview").click()
    screenshot("round-preview")
    assert page.get_by_role("button", name="Submit").is_disabled()
