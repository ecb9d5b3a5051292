"""The report's opening summary, its header and its trend: what a leader reads first."""
import re
from datetime import timedelta

import pytest

from tests import factories
from tests.app.test_reports import MARKETING, SALES, _csv, _hand_made_round
from webapp.extensions import db
from webapp.models import ActionEvent, ActionItem, Idea, SurveyRound
from webapp.models.types import utcnow

BETTER = [(5, 5, 5, 5)] * 5


@pytest.fixture
def leader_client(client, auth, people):
    auth.login_as(people["leader"])
    return client


def _summary(page):
    return page.split('id="summary"')[1].split("</section>")[0]


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _mark_done(app, title, days_ago):
    with app.app_context():
        item_id = factories.make_item(status="done", title=title)
        db.session.add(ActionEvent(item_id=item_id, kind="status", from_status="in_progress",
                                   to_status="done", at=utcnow() - timedelta(days=days_ago)))
        db.session.commit()
        return item_id


def test_the_summary_leads_with_index_change_gaps_idea_and_done_items(
        app, leader_client, make_user):
    _hand_made_round(app, make_user, sales=BETTER, marketing=BETTER, title="Q4 pulse",
                     opens_days_ago=100)
    round_id = _hand_made_round(app, make_user, title="Q1 pulse", opens_days_ago=10)
    _mark_done(app, "Shared lead definition", days_ago=20)  # after Q4 closed
    _mark_done(app, "Old win", days_ago=200)  # before Q4 closed: not since the last round
    with app.app_context():
        idea_id = factories.make_idea(round_id, "One weekly pipeline call", team="Marketing")
        db.session.get(Idea, idea_id).bridging = 0.4
        db.session.commit()
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert page.index('id="summary"') < page.index('id="participation"'), "the summary first"
    summary = _text(_summary(page))
    assert "Alignment index 45 of 100, down 55 points since Q4 pulse" in summary
    assert "Unify the goal: Marketing more favourable than Sales by 30 points" in summary
    assert "Force communication: Marketing more favourable than Sales by 30 points" in summary
    assert "Top bridging idea “One weekly pipeline call” (Marketing)" in summary
    assert "Done since Q4 pulse Shared lead definition" in summary
    assert "Old win" not in summary


def test_the_summary_figures_are_those_of_the_sections(app, leader_client, make_user):
    _hand_made_round(app, make_user, sales=BETTER, marketing=BETTER, title="Q4 pulse",
                     opens_days_ago=100)
    round_id = _hand_made_round(app, make_user, title="Q1 pulse", opens_days_ago=10)
    figures = _csv(leader_client, round_id)
    assert figures["summary", "alignment index", "", "0-100"] == figures[
        "index", "alignment index", "", "0-100"] == "45.0"
    assert figures["summary", "change since previous round", "", "points"] == figures[
        "index", "change since previous round", "", "points"] == "-55.0"
    gap_key = ("summary", "biggest gap: Unify the goal (Marketing more favourable than Sales "
               "by 30 points)", "Sales − Marketing", "gap points")
    assert figures[gap_key] == figures[
        "levers", "Unify the goal", "Sales − Marketing", "gap points"] == "-30.0"


def test_a_withheld_team_gives_no_gap_and_no_idea_to_the_summary(
        app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user, sales=SALES[:4], marketing=MARKETING)
    with app.app_context():
        idea_id = factories.make_idea(round_id, "Sales only idea", team="Sales")
        db.session.get(Idea, idea_id).bridging = 0.9
        db.session.commit()
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    summary = _text(_summary(page))
    assert "Biggest gaps none to show" in summary
    assert "Sales only idea" not in summary and "No idea is backed by both teams yet" in summary
    assert "Alignment index not available" in summary
    assert not any(key[0] == "summary" and key[1].startswith("biggest gap")
                   for key in _csv(leader_client, round_id))


def test_the_header_says_closed_once_and_one_round_draws_no_lone_dot(
        app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user)
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    header = _text(page.split("<h1>")[1].split("</h1>")[0])
    assert re.fullmatch(r"Round report Q1 pulse · Closed \d{1,2} \w{3} \d{4}", header), header
    trends = page.split('id="trends"')[1]
    assert "First round: no trend yet" in trends
    assert "<svg" not in trends and "(the first round: nothing to compare with)" in page


def test_the_trend_says_which_round_is_still_open(app, leader_client, make_user):
    _hand_made_round(app, make_user, title="Q4 pulse", opens_days_ago=100)
    round_id = _hand_made_round(app, make_user, title="Q1 pulse", opens_days_ago=10)
    with app.app_context():
        db.session.get(SurveyRound, round_id).closes_at = utcnow() + timedelta(days=5)
        db.session.commit()
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    trends = page.split('id="trends"')[1]
    assert "Still open, so its figures may change: Q1 pulse." in _text(trends)
    assert "Q1 pulse (open)</text>" in trends and "Q4 pulse (open)" not in trends
    assert _text(trends.split("<tbody>")[1]).startswith("Q4 pulse")
    assert "Q1 pulse still open" in _text(trends.split("<tbody>")[1])
    assert "Open, closes" in page.split("</h1>")[0]


def test_items_done_after_a_round_closed_belong_to_the_next(app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user, opens_days_ago=30)  # closed 25 days ago
    _mark_done(app, "Finished later", days_ago=3)
    _mark_done(app, "Finished in time", days_ago=27)
    summary = _text(_summary(leader_client.get(f"/rounds/{round_id}/report").get_data(
        as_text=True)))
    assert "Finished in time" in summary and "Finished later" not in summary
    with app.app_context():
        assert db.session.query(ActionItem).count() == 2
