"""The round report: measures on a hand-made round, suppression, CSV, and query count."""
import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import event

from tests import factories
from webapp.extensions import db
from webapp.models import Question, SurveyRound, User
from webapp.models.types import utcnow
from webapp.surveys import answering

# Answers per team to two levers of two items each (item 1, item 2) for each person.
SALES = [(5, 4, 2, 1), (4, 4, 3, 2), (2, 1, 5, 5), (4, 3, 4, 4), (1, 2, 2, 3)]
MARKETING = [(4, 5, 4, 4), (3, 4, 5, 4), (4, 4, 1, 2), (5, 5, 4, 3), (2, 4, 4, 4)]
# Hand-computed favourable shares (answers of 4 or 5):
#   unify_goal (items 1-2): Sales 5/10, Marketing 8/10
#   force_communication (items 3-4): Sales 4/10, Marketing 7/10
# Gap (Sales minus Marketing): -30 and -30 points.
# Alignment index: mean of the smaller shares = (50 + 40) / 2 = 45.


def _hand_made_round(app, make_user, sales=SALES, marketing=MARKETING, extra_teams=(),
                     title="Q1 pulse", opens_days_ago=10):
    people = {"Sales": [make_user(team="Sales") for _ in sales],
              "Marketing": [make_user(team="Marketing") for _ in marketing]}
    for name, count in extra_teams:
        people[name] = [make_user(team=name) for _ in range(count)]
    with app.app_context():
        round_id = factories.make_round(template=False, state="draft", title=title,
                                        teams=("Sales", "Marketing", *dict(extra_teams)))
        survey_round = db.session.get(SurveyRound, round_id)
        for position, lever in enumerate(("unify_goal",) * 2 + ("force_communication",) * 2):
            survey_round.questions.append(Question(position=position, kind="likert",
                                                   text=f"Item {position + 1}", lever=lever,
                                                   required=True, options=[]))
        survey_round.opens_at = utcnow() - timedelta(days=opens_days_ago)
        db.session.flush()
        ids = [q.id for q in survey_round.questions]
        answers = {"Sales": sales, "Marketing": marketing,
                   **{name: [(4, 4, 4, 4)] * count for name, count in extra_teams}}
        for team, rows in answers.items():
            for person, values in zip(people[team], rows):
                answering.submit(survey_round, db.session.get(User, person.id),
                                 dict(zip(ids, values)))
        survey_round.closes_at = utcnow() - timedelta(days=opens_days_ago - 5)
        db.session.commit()
        return round_id


@pytest.fixture
def leader_client(client, auth, people):
    auth.login_as(people["leader"])
    return client


def _csv(client, round_id):
    text = client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True)
    return {(row["section"], row["subject"], row["team"], row["measure"]): row["value"]
            for row in csv.DictReader(io.StringIO(text))}


def test_lever_measures_and_index_on_a_hand_made_round(app, leader_client, make_user):
    figures = _csv(leader_client, _hand_made_round(app, make_user))
    assert figures["levers", "Unify the goal", "Sales", "favourable %"] == "50.0"
    assert figures["levers", "Unify the goal", "Marketing", "favourable %"] == "80.0"
    assert figures["levers", "Unify the goal", "Sales − Marketing", "gap points"] == "-30.0"
    assert figures["levers", "Force communication", "Sales", "favourable %"] == "40.0"
    assert figures["levers", "Force communication", "Marketing", "favourable %"] == "70.0"
    assert figures["index", "alignment index", "", "0-100"] == "45.0"


def test_participation_and_item_counts_on_a_hand_made_round(app, leader_client, make_user):
    figures = _csv(leader_client, _hand_made_round(app, make_user))
    assert figures["participation", "respondents", "Sales", "count"] == "5"
    assert figures["items", "Item 1", "Sales", "answers 4"] == "2"
    assert figures["items", "Item 3", "Marketing", "answers 1"] == "1"


def test_the_report_page_of_a_hand_made_round(app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user)
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    for heading in ("1. Participation by team", "2. Levers", "3. Alignment index",
                    "4. Themes", "5. Ideas", "6. Action items", "7. Trends across rounds"):
        assert heading in page
    assert '<span class="big-number">45</span>' in page
    assert ">50%</text>" in page and ">80%</text>" in page and ">-30</text>" in page


def test_change_since_the_previous_round(app, leader_client, make_user):
    _hand_made_round(app, make_user, title="Q4 pulse", opens_days_ago=100)
    better = [(5, 5, 5, 5)] * 5
    round_id = _hand_made_round(app, make_user, sales=better, marketing=better,
                                title="Q1 pulse", opens_days_ago=10)
    figures = _csv(leader_client, round_id)
    assert figures["index", "alignment index", "", "0-100"] == "100.0"
    assert figures["index", "change since previous round", "", "points"] == "55.0"
    assert figures["trend", "Q4 pulse", "", "alignment index"] == "45.0"
    assert "+55 since Q4 pulse" in leader_client.get(f"/rounds/{round_id}/report").get_data(
        as_text=True)


def test_four_respondents_are_withheld_five_are_shown(app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user, sales=SALES[:4])
    figures = _csv(leader_client, round_id)
    assert figures["participation", "respondents", "Sales", "count"] == ""
    assert figures["levers", "Unify the goal", "Sales", "favourable %"] == ""
    assert figures["items", "Item 1", "Sales", "answers 4"] == ""
    assert figures["index", "alignment index", "", "0-100"] == ""
    # With two teams, Marketing's figures would give Sales' away: withheld as well.
    assert figures["levers", "Unify the goal", "Marketing", "favourable %"] == ""
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert page.count(">withheld<") >= 2
    shown = _csv(leader_client, _hand_made_round(app, make_user, title="Full"))
    assert shown["participation", "respondents", "Sales", "count"] == "5"


def _trend_row(page, title):
    """The cells of a round's row in the page's trend table."""
    return page.split(f"<tr><td>{title}</td>")[1].split("</tr>")[0]


def test_a_small_team_is_withheld_in_the_trend_rows(app, leader_client, make_user):
    _hand_made_round(app, make_user, sales=SALES[:4], title="Small Q4 pulse",
                     opens_days_ago=100)
    round_id = _hand_made_round(app, make_user, title="Q1 pulse", opens_days_ago=10)
    figures = _csv(leader_client, round_id)
    assert figures["trend", "Small Q4 pulse", "", "alignment index"] == ""
    assert figures["trend", "Q1 pulse", "", "alignment index"] == "45.0"
    assert figures["index", "change since previous round", "", "points"] == ""
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    small = _trend_row(page, "Small Q4 pulse")
    assert "%" not in small and small.count("withheld") == 4, small
    assert "Small Q4 pulse: n/a." in page
    assert "50% / 80%" in _trend_row(page, "Q1 pulse")


def test_the_trend_row_of_a_small_round_itself_is_withheld(app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user, sales=SALES[:4], title="Small pulse")
    assert _csv(leader_client, round_id)["trend", "Small pulse", "", "alignment index"] == ""
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "%" not in _trend_row(page, "Small pulse")


def _themes_of(app, round_id, groups):
    """A finished run of the round: label -> [(team, idea count)]."""
    with app.app_context():
        factories.make_run(round_id, {label: [
            factories.make_idea(round_id, f"{label} {team} {n}", team=team)
            for team, count in teams for n in range(count)] for label, teams in groups.items()})


def test_a_theme_three_quarters_from_one_team_is_marked_as_raised_by_it(
        app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user)
    _themes_of(app, round_id, {"pipeline, review": [("Sales", 3), ("Marketing", 1)],  # 75%
                               "lead, scoring": [("Marketing", 2), ("Sales", 1)]})  # 67%
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert page.count("raised mostly by") == 1 and "raised mostly by Sales" in page


def test_a_withheld_team_is_never_named_as_raising_a_theme(app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user, sales=SALES[:4])
    _themes_of(app, round_id, {"pipeline, review": [("Sales", 4)]})
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "pipeline, review" in page and "raised mostly by" not in page


def test_complement_rule_hides_the_next_smallest_group(app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user, marketing=MARKETING + MARKETING[:1],
                                extra_teams=[("Product", 3)])
    figures = _csv(leader_client, round_id)
    # Product (3) is too small; with a total shown, the smallest other team (Sales, 5)
    # would give Product away by subtraction, so it is withheld as well.
    assert figures["participation", "respondents", "Product", "count"] == ""
    assert figures["participation", "respondents", "Sales", "count"] == ""
    assert figures["participation", "respondents", "Marketing", "count"] == "6"


def test_csv_agrees_with_the_page(app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user)
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    for (section, subject, team, measure), value in _csv(leader_client, round_id).items():
        if section == "levers" and measure == "favourable %" and value:
            assert f">{round(float(value))}%</text>" in page, (subject, team)
        if section == "participation" and value:
            assert f"<td>{value}</td>" in page, (subject, team)


def _statements(app, client, url):
    """Return the SQL statements one GET of ``url`` sends."""
    statements = []
    with app.app_context():
        engine = db.engine

    def count(*args):
        statements.append(args[2])
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return statements


def test_the_report_uses_a_fixed_number_of_queries(app, leader_client, make_user):
    small = _hand_made_round(app, make_user, title="Small")
    big = _hand_made_round(app, make_user, sales=SALES * 3, marketing=MARKETING * 3,
                           title="Big")
    with app.app_context():
        for round_id in (small, big):
            for n in range(6):
                factories.make_idea(round_id, f"Idea {n} for round {round_id}")
    counts = [len(_statements(app, leader_client, f"/rounds/{round_id}/report"))
              for round_id in (small, big)]
    assert counts[0] == counts[1]


def _round_content(round_id, ideas, themes, items, runs=1):
    """Add ideas from both teams, finished theme runs and action items to a round."""
    idea_ids = [factories.make_idea(round_id, f"Idea {n} for round {round_id}",
                                    team=("Sales", "Marketing")[n % 2]) for n in range(ideas)]
    for run in range(runs):
        groups = {f"theme {run}.{t}, terms": idea_ids[t::themes] for t in range(themes)}
        factories.make_run(round_id, groups)
    for n in range(items):
        factories.make_item(round_id, title=f"Item {n} of round {round_id}",
                            status=("proposed", "approved", "in_progress", "done")[n % 4])


@pytest.mark.parametrize("view", ["first", "again"])
def test_the_report_queries_do_not_grow_with_ideas_themes_or_items(
        app, leader_client, make_user, view):
    small = _hand_made_round(app, make_user, title="Small")
    big = _hand_made_round(app, make_user, sales=SALES * 3, marketing=MARKETING * 3,
                           title="Big")
    with app.app_context():
        _round_content(small, ideas=6, themes=2, items=1)
        _round_content(big, ideas=40, themes=7, items=9, runs=3)
    if view == "again":  # the first view stores the tallies; count a later one
        for round_id in (small, big):
            leader_client.get(f"/rounds/{round_id}/report")
    counts = [len(_statements(app, leader_client, f"/rounds/{round_id}/report"))
              for round_id in (small, big)]
    assert counts[0] == counts[1]
    page = leader_client.get(f"/rounds/{big}/report").get_data(as_text=True)
    assert "theme 2.6, terms" in page and f"Item 8 of round {big}" in page
    last_row = page.split("theme 2.6, terms")[1].split("</tr>")[0]
    assert any(f"Idea {n} for round {big} " in last_row for n in range(6, 40, 7)), \
        "a top idea of the last theme"


def test_sharing_with_everyone_once_closed(app, client, auth, people, make_user):
    round_id = _hand_made_round(app, make_user)
    auth.login_as(people["member"])
    assert client.get(f"/rounds/{round_id}/report").status_code == 403
    assert client.post(f"/rounds/{round_id}/report/share", data={"shared": "1"}).status_code \
        == 403
    auth.login_as(people["leader"])
    client.post(f"/rounds/{round_id}/report/share", data={"shared": "1"})
    auth.login_as(people["member"])
    assert client.get(f"/rounds/{round_id}/report").status_code == 200
    assert client.get(f"/rounds/{round_id}/report.csv").status_code == 200
    with app.app_context():
        db.session.get(SurveyRound, round_id).closes_at = None
        db.session.commit()
    assert client.get(f"/rounds/{round_id}/report").status_code == 403, "not while open"


def test_closed_round_tallies_hold_every_answer_once(app, leader_client, make_user):
    from sqlalchemy import func, select

    from webapp.models import Answer, LikertTally
    round_id = _hand_made_round(app, make_user)
    with app.app_context():
        db.session.get(SurveyRound, round_id).closes_at = None  # still open
        db.session.commit()
        # Five of each team wait below the batch size: nothing is released, nothing counted.
        assert db.session.scalar(select(func.count()).select_from(LikertTally)) == 0
    leader_client.post(f"/rounds/{round_id}/close")
    with app.app_context():
        stored = db.session.scalar(select(func.sum(LikertTally.count)))
        answers = db.session.scalar(select(func.count()).select_from(Answer))
        assert stored == answers == 40
        assert db.session.get(SurveyRound, round_id).tallied_at is not None
    assert _csv(leader_client, round_id)["items", "Item 1", "Sales", "answers 4"] == "2"


def test_staff_see_only_shared_rounds_in_the_trend(app, client, auth, people, make_user):
    _hand_made_round(app, make_user, title="Private pulse", opens_days_ago=100)
    round_id = _hand_made_round(app, make_user, title="Shared pulse", opens_days_ago=10)
    auth.login_as(people["leader"])
    assert "Private pulse" in client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    client.post(f"/rounds/{round_id}/report/share", data={"shared": "1"})
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "Shared pulse" in page and "Private pulse" not in page


def test_an_item_few_answered_is_withheld_even_when_the_team_is_large(
        app, leader_client, make_user):
    partial = [(4, 4, 4, None)] * 3 + [(4, 4, 4, 4)] * 2  # item 4 answered by two
    round_id = _hand_made_round(app, make_user, sales=partial)
    figures = _csv(leader_client, round_id)
    assert figures["items", "Item 1", "Sales", "answers 4"] == "5"
    assert figures["items", "Item 4", "Sales", "answers 4"] == ""
