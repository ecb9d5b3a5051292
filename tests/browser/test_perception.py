"""A leader turns perception on, staff predict the other team, the report shows the gap."""
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_surveys import _sign_in
from webapp.extensions import db
from webapp.models import SurveyRound

pytestmark = pytest.mark.browser

ONE_PERSON = {"ANONYMITY_THRESHOLD": 1}
ITEM = "Sales and marketing work toward the same revenue goal."


def _draft_round(app):
    with app.app_context():
        round_id = factories.make_round(state="draft", template=False, anonymous=False,
                                        title="Q1 2027 alignment pulse")
        factories.add_likert_question(round_id, text=ITEM)
        return round_id


def _turn_perception_on_and_open(page, live_server, leader, round_id, screenshot):
    _sign_in(page, live_server, leader.email)
    page.goto(f"{live_server}/rounds/{round_id}")
    page.get_by_role("link", name="Edit").first.click()
    page.get_by_label("Perception: each team also predicts").check()
    screenshot("perception-question")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The question is saved.")).to_be_visible()
    expect(page.locator(".question-list .perception-mark")).to_have_text("perception")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Open now").click()
    expect(page.get_by_text("The round is open.")).to_be_visible()
    page.context.clear_cookies()  # the next person signs in on this browser


def _answer(page, live_server, person, round_id, value, prediction, other, screenshot=None):
    _sign_in(page, live_server, person.email)
    page.goto(f"{live_server}/rounds/{round_id}/answer")
    page.get_by_label(value, exact=True).check()
    guess = page.get_by_label(f"What share of {other} will agree or strongly agree?")
    guess.fill("140")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".prediction .field-error")).to_have_text(
        "Give a share from 0 to 100.")
    assert page.get_by_label(value, exact=True).is_checked(), "the answer is kept"
    if screenshot:
        screenshot("perception-error")
    guess.fill(prediction)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/thanks")
    page.context.clear_cookies()  # the next person signs in on this browser


@pytest.mark.parametrize("config_overrides", [ONE_PERSON])
def test_leader_turns_perception_on_staff_predict_leader_reads_the_gap(
        app, page, live_server, make_user, screenshot, config_overrides):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    sam = make_user(team="Sales", name="Sam Rivera")
    maya = make_user(team="Marketing", name="Maya Chen")
    round_id = _draft_round(app)
    _turn_perception_on_and_open(page, live_server, leader, round_id, screenshot)
    # Sam agrees and guesses 20% of Marketing will; Maya disagrees and guesses 90% of Sales.
    _answer(page, live_server, sam, round_id, "Agree", "20", "Marketing", screenshot)
    _answer(page, live_server, maya, round_id, "Disagree", "90", "Sales")
    with app.app_context():
        assert db.session.get(SurveyRound, round_id).is_open

    _sign_in(page, live_server, leader.email)
    page.goto(f"{live_server}/rounds/{round_id}/report")
    understanding = page.locator("#understanding")
    # Gaps: Sales about Marketing 20 - 0 = +20; Marketing about Sales 90 - 100 = -10.
    # Index: 100 - (20 + 10) / 2 = 85.
    expect(understanding.locator(".big-number")).to_have_text("85")
    rows = page.locator(".perception-table tbody tr")
    expect(rows.nth(0)).to_contain_text("Sales about Marketing")
    expect(rows.nth(0)).to_contain_text("+20")
    expect(rows.nth(1)).to_contain_text("Marketing about Sales")
    expect(rows.nth(1)).to_contain_text("-10")
    screenshot("perception-report")
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scroll"
    screenshot("perception-report-360")
