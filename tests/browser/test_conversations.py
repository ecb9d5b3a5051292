"""A leader answers an anonymous comment; its author reads it with their key and answers."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.checks import accessibility_problems, overflow, wide_elements
from tests.live import sign_in
from webapp import lifecycle
from webapp.conversations import keys
from webapp.extensions import db
from webapp.models import SurveyRound, User

pytestmark = pytest.mark.browser

COMMENT = "Our hand-over from campaign to first call loses all the context."
QUESTION = "What should leaders hear?"


def _others_answer_and_the_round_closes(app, round_id, make_user):
    """Ten of each team in all, so that leaders may read the comments; then it closes."""
    others = [make_user(team=team) for team in ("Sales",) * 9 + ("Marketing",) * 10]
    with app.app_context():
        survey_round = db.session.get(SurveyRound, round_id)
        text = next(q.id for q in survey_round.questions if q.kind == "long_text")
        for n, person in enumerate(others):
            keys.submit(survey_round, db.session.get(User, person.id),
                        {text: f"Another comment {n}"})
        lifecycle.close_round(survey_round)
        db.session.commit()


def _keep(page, name):
    """With $SCREENSHOT_DIR set, keep a picture of a page outside the test's own ``page``."""
    if os.environ.get("SCREENSHOT_DIR"):
        folder = Path(os.environ["SCREENSHOT_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name}.png", full_page=True)


def _fits_a_phone(page, name, screenshot):
    """Look at the page 360 px wide as well: nothing may scroll sideways."""
    page.set_viewport_size({"width": 360, "height": 740})
    screenshot(f"{name}-360")
    assert overflow(page, 360) == 0, wide_elements(page, 360)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_leader_replies_and_the_anonymous_respondent_answers_back(
        app, browser, page, live_server, make_user, screenshot):
    member = make_user(team="Sales", name="Sam Rivera")
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    with app.app_context():
        round_id = factories.make_round(template=False, title="Q1 2027 alignment pulse")
        factories.add_text_question(round_id, QUESTION)

    blocked = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    sign_in(page, live_server, member.email, factories.PASSWORD)
    page.goto(f"{live_server}/rounds/{round_id}/answer")
    page.get_by_label(QUESTION).fill(COMMENT)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/thanks")
    expect(page.get_by_text("This browser keeps the key")).to_be_visible()
    link = page.locator("#private-link").inner_text()
    assert "/conversations#key=" in link
    screenshot("conversation-key-1280")
    _fits_a_phone(page, "conversation-key", screenshot)

    _others_answer_and_the_round_closes(app, round_id, make_user)

    leading = browser.new_context(viewport={"width": 1280, "height": 800})
    leader_page = leading.new_page()
    sign_in(leader_page, live_server, leader.email, factories.PASSWORD)
    leader_page.goto(f"{live_server}/rounds/{round_id}/comments")
    expect(leader_page.get_by_text(COMMENT)).to_be_visible()
    _keep(leader_page, "comments-1280")
    leader_page.locator("li.comment", has_text=COMMENT).get_by_role("link").click()
    leader_page.get_by_label("Reply (your name is shown)").fill(
        "Thank you. Which hand-over hurts most?")
    leader_page.get_by_role("button", name="Send reply").click()
    expect(leader_page.get_by_text("Your reply is sent.")).to_be_visible()
    problems = accessibility_problems(leader_page)

    page.goto(f"{live_server}/conversations")  # the browser opens it with the kept key
    expect(page.get_by_text("New reply")).to_be_visible()
    expect(page.get_by_text("Thank you. Which hand-over hurts most?")).to_be_visible()
    expect(page.get_by_text("Jordan Blake, leader")).to_be_visible()
    screenshot("my-conversations-1280")
    _fits_a_phone(page, "my-conversations", screenshot)
    page.get_by_label("Answer back (without your name)").fill("The very first call.")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("Your answer is sent.")).to_be_visible()

    leader_page.reload()
    expect(leader_page.get_by_text("The very first call.")).to_be_visible()
    expect(leader_page.get_by_text("The respondent", exact=False)).to_be_visible()
    _keep(leader_page, "comment-1280")
    leader_page.set_viewport_size({"width": 360, "height": 740})
    _keep(leader_page, "comment-360")
    assert overflow(leader_page, 360) == 0, wide_elements(leader_page, 360)
    leader_page.goto(f"{live_server}/rounds/{round_id}/comments")
    _keep(leader_page, "comments-360")
    assert overflow(leader_page, 360) == 0, wide_elements(leader_page, 360)
    problems += accessibility_problems(leader_page)
    leading.close()
    assert problems == [] and blocked == []
    _the_link_opens_on_another_device(browser, live_server, member, link)


def _the_link_opens_on_another_device(browser, live_server, member, link):
    """A browser that never saw the key opens the private link: the #key= part is enough."""
    other = browser.new_context(viewport={"width": 1280, "height": 800})
    page = other.new_page()
    sign_in(page, live_server, member.email, factories.PASSWORD)
    page.goto(link)
    expect(page.get_by_text("The very first call.")).to_be_visible()
    assert "#key=" not in page.url, "the key leaves the address bar"
    expect(page.get_by_role("button", name="Forget the keys kept by this browser")).to_be_visible()
    other.close()
