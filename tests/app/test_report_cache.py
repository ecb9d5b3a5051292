"""A closed round's report keeps only what cannot change, and never one reader's view.

The figures kept (participation, Likert figures, the trend's history) are the same for
every reader; what can still change (action items, moderated ideas, team names, wording,
which reports are shared) shows at once.
"""
import re

import pytest

from tests import factories
from tests.app.test_page_costs import statements_of, tables
from tests.app.test_reports import _hand_made_round
from webapp.extensions import db
from webapp.models import Question, SurveyRound, Team
from webapp.reports import cache


@pytest.fixture
def closed_round(app, make_user):
    round_id = _hand_made_round(app, make_user, title="Q2 pulse")
    with app.app_context():
        db.session.get(SurveyRound, round_id).report_shared = True
        db.session.commit()
    return round_id


def _report(client, round_id):
    return client.get(f"/rounds/{round_id}/report").get_data(as_text=True)


def _section(page, name):
    return page.split(f'<section id="{name}"')[1].split("</section>")[0]


def _status_cell(page, title):
    return page.split(title)[1].split("</tr>")[0].rsplit("<td>", 1)[1]


def test_an_action_item_moved_shows_at_once(app, client, auth, people, closed_round):
    leader = people["leader"]
    with app.app_context():
        item_id = factories.make_item(closed_round, owners=(people["member"], leader),
                                      status="in_progress", title="Joint forecast call")
    auth.login_as(leader)
    for _ in range(2):
        page = _report(client, closed_round)
    assert _status_cell(page, "Joint forecast call").startswith("In progress")
    client.post(f"/actions/{item_id}/status", data={"to_status": "done"})
    page = _report(client, closed_round)
    assert _status_cell(page, "Joint forecast call").startswith("Done")


def test_each_reader_gets_their_own_trend_whoever_came_first(app, client, auth, people,
                                                             make_user):
    _hand_made_round(app, make_user, title="Private pulse", opens_days_ago=100)
    round_id = _hand_made_round(app, make_user, title="Shared pulse", opens_days_ago=10)
    with app.app_context():
        db.session.get(SurveyRound, round_id).report_shared = True
        db.session.commit()
    for first, second in (("member", "leader"), ("leader", "member")):
        with app.app_context():
            cache.clear()
        pages = {}
        for who in (first, second):
            auth.login_as(people[who])
            pages[who] = _report(client, round_id)
        assert "Private pulse" in _section(pages["leader"], "trends")
        assert "Private pulse" not in pages["member"], f"{first} first"
        assert "Stop sharing" in pages["leader"] and "Stop sharing" not in pages["member"]
        assert _section(pages["leader"], "levers") == _section(pages["member"], "levers")


def test_the_trend_kept_for_one_pair_is_not_shown_for_another(app, client, auth, people,
                                                              make_user):
    product = [("Product", 5)]  # all answers 4: every share 100%
    _hand_made_round(app, make_user, extra_teams=product, title="Earlier pulse",
                     opens_days_ago=100)
    round_id = _hand_made_round(app, make_user, extra_teams=product, title="Later pulse")
    with app.app_context():
        ids = tuple(factories.get_team(name).id for name in ("Marketing", "Product"))
    auth.login_as(people["leader"])
    trend = {}
    for pair in ((), ids):
        text = client.get(f"/rounds/{round_id}/report.csv",
                          query_string={"team": list(pair)}).get_data(as_text=True)
        trend[pair] = [line for line in text.splitlines() if line.startswith("trend,Earlier")]
    # Sales and Marketing: (50 + 40) / 2; Marketing and Product: (80 + 70) / 2.
    assert trend[()] == ["trend,Earlier pulse,,alignment index,45.0"]
    assert trend[ids] == ["trend,Earlier pulse,,alignment index,75.0"]


def test_a_renamed_team_and_reworded_item_show_at_once(app, client, auth, people,
                                                       closed_round):
    auth.login_as(people["member"])
    for _ in range(2):  # the first view settles the round: the second reads what is kept
        page = _report(client, closed_round)
    assert "Sales favourable" in _section(page, "levers")
    with app.app_context():
        db.session.scalar(db.select(Team).where(Team.name == "Sales")).name = "Sales North"
        db.session.commit()
    assert "Sales North favourable" in _section(_report(client, closed_round), "levers")
    with app.app_context():
        question = db.session.scalar(db.select(Question).where(
            Question.round_id == closed_round, Question.text == "Item 1"))
        question.text = "Item one, reworded"
        db.session.commit()
    assert "Item one, reworded" in _section(_report(client, closed_round), "levers")


def test_an_idea_hidden_after_the_report_was_read_leaves_it(app, client, auth, people,
                                                            closed_round):
    with app.app_context():
        idea_id = factories.make_idea(closed_round, "Shared win board in the office")
    auth.login_as(people["leader"])
    assert "Shared win board in the office" in _report(client, closed_round)
    client.post(f"/ideas/{idea_id}/hide", data={"reason": "Duplicate"})
    assert "Shared win board in the office" not in _report(client, closed_round)


def _same_page(html):
    """``html`` with blanks collapsed and the forms' CSRF tokens left out.

    A token carries the second it was made, so two readings a moment apart may differ.
    """
    html = re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', html)
    return re.sub(r"\s+", " ", html)


def test_kept_sections_read_as_fresh_ones(app, client, auth, people, closed_round):
    auth.login_as(people["member"])
    _report(client, closed_round)  # settles the round and keeps its figures
    kept = _report(client, closed_round)
    with app.app_context():
        cache.clear()
    fresh = _report(client, closed_round)
    assert _same_page(kept) == _same_page(fresh)
    assert "45" in _section(fresh, "index"), "the hand-computed index"


def test_an_open_round_keeps_nothing(app, client, auth, people, make_user):
    round_id = _hand_made_round(app, make_user, title="Still open")
    with app.app_context():
        db.session.get(SurveyRound, round_id).closes_at = None
        db.session.commit()
    auth.login_as(people["leader"])
    first, again = (tables(statements_of(app, client, f"/rounds/{round_id}/report"))
                    for _ in range(2))
    assert again == first and "SELECT likert_tally" in again


def test_what_is_kept_is_bounded(app):
    with app.app_context():
        for n in range(cache.KEPT_ENTRIES + 10):
            cache.kept(("test", n), lambda n=n: n)
        assert cache.kept(("test", 0), lambda: "computed again") == "computed again"
        assert cache.kept(("test", cache.KEPT_ENTRIES + 9), lambda: "not kept") \
            == cache.KEPT_ENTRIES + 9
        assert cache.kept(None, lambda: "never kept") == "never kept"
