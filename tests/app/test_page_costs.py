"""What the busiest pages cost the database: a fixed, small number of statements each.

Counted without the transaction's own statements (BEGIN, COMMIT), which only SQLite sends.
"""
import re

import pytest
from sqlalchemy import event

from tests import factories
from webapp.extensions import db
from webapp.ideas import services
from webapp.models import SurveyRound, User, Vote
from webapp.reports import cache

TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def statements_of(app, client, url):
    """The SQL statements one GET of ``url`` sends, transaction control left out."""
    statements = []
    with app.app_context():
        engine = db.engine

    def record(_connection, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()))
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return [s for s in statements if not s.startswith(TRANSACTION)]


def tables(statements):
    """The verb and first table of each statement, such as "SELECT idea" (subqueries out)."""
    named = []
    for statement in statements:
        if inner := re.match(r"SELECT .*? FROM \(SELECT .*? FROM (\w+)", statement):
            named.append(f"SELECT {inner.group(1)}")  # a limited subquery, then joins
            continue
        while (outer := re.sub(r"\([^()]*\)", "", statement)) != statement:
            statement = outer
        words = statement.replace('"', "").split()
        after = {"SELECT": "FROM", "INSERT": "INTO", "UPDATE": "UPDATE", "DELETE": "FROM"}
        named.append(f"{words[0]} {words[words.index(after[words[0]]) + 1]}")
    return named


@pytest.fixture
def scene(app, make_user, people):
    """An open round with voted ideas, a notice for the member, and a closed shared round."""
    voters = [make_user(team=team) for team in ("Sales", "Marketing") for _ in range(5)]
    with app.app_context():
        open_id = factories.make_round(template=False, title="Open pulse")
        idea_ids = [factories.make_idea(open_id, f"Idea {n}", team=("Sales", "Marketing")[n % 2])
                    for n in range(25)]
        for person in voters + [people["member"]]:
            for idea_id in idea_ids[:3]:
                services.cast_vote(idea_id, db.session.get(User, person.id), Vote.AGREE)
        closed_id = factories.make_round(state="closed", title="Closed pulse")
        db.session.get(SurveyRound, closed_id).report_shared = True
        db.session.commit()
        factories.make_item(closed_id, status="approved")
        factories.make_story_and_notice(factories.make_item(open_id), people["member"])
    return {"open": open_id, "closed": closed_id, "idea": idea_ids[0]}


# Each page's statements, by what they read. The person comes with their unread notices.
BOARD = ["SELECT user_account",  # the reader
         "SELECT survey_round",  # the round with its teams
         "SELECT survey_response",  # respondents per team, for the privacy gate
         "SELECT theme",  # the theme filter
         "SELECT idea",  # the page of ideas, with how many there are in all
         "SELECT idea_vote",  # their votes per team, with the reader's own
         "SELECT idea",  # ideas merged into others
         "SELECT comment"]  # comments per card, one grouped count
IDEA = ["SELECT user_account", "SELECT idea",  # the idea with its round and the round's teams
        "SELECT idea_vote",
        "SELECT survey_response", "SELECT idea", "SELECT comment"]  # the thread
HOME = ["SELECT user_account",
        "SELECT survey_round",  # open rounds: the reader's receipt and draft, ideas shown
        "SELECT story",  # the newest stories, with their teams
        "SELECT action_item",  # proposed items and the reader's own, in one count
        "SELECT survey_round",  # shared reports
        "SELECT comment"]  # the newest comments the reader may see
# A closed round's report once its fixed figures and its trend's figures are kept.
REPORT = ["SELECT user_account",
          "SELECT survey_round",  # the round with its teams
          "SELECT survey_question",  # its questions' wording, part of what figures are kept under
          "SELECT survey_round",  # the rounds of the trend, for who may see which
          "SELECT theme_run",  # the newest finished run with its themes
          "SELECT idea",  # top bridging, most divisive and the themes' ideas at once
          "SELECT idea_vote",  # their votes per team
          "SELECT action_item",  # the round's items, and those done since the previous round
          "SELECT comment",  # comments and cross-team replies per team, counted
          "SELECT goal", "SELECT recognition", "SELECT pairing_cycle"]


def test_board_idea_and_home_statements(app, client, auth, people, scene):
    auth.login_as(people["member"])
    assert tables(statements_of(app, client, f"/rounds/{scene['open']}/ideas")) == BOARD
    idea = tables(statements_of(app, client, f"/ideas/{scene['idea']}"))
    assert idea == IDEA, idea
    assert tables(statements_of(app, client, "/")) == HOME


def test_the_bell_still_counts_unread_notices(app, client, auth, people, scene):
    auth.login_as(people["member"])
    page = client.get("/").get_data(as_text=True)
    assert 'aria-label="Notifications: 1 unread"' in page
    client.post("/notifications/read")
    assert 'aria-label="Notifications: 0 unread"' in client.get("/").get_data(as_text=True)


def test_the_board_counts_every_idea_with_its_first_page(app, client, auth, people, scene):
    auth.login_as(people["member"])
    url = f"/rounds/{scene['open']}/ideas"
    first = client.get(url).get_data(as_text=True)
    assert "Page 1 of 2 · 25 ideas" in first
    second = client.get(url + "?page=2").get_data(as_text=True)
    assert "Page 2 of 2 · 25 ideas" in second and second.count('class="idea-card') == 5
    past = client.get(url + "?page=9").get_data(as_text=True)
    assert "Page 9 of 2 · 25 ideas" in past and "No ideas yet" in past


def test_the_report_of_a_closed_round_keeps_its_fixed_figures(app, client, auth, people, scene):
    auth.login_as(people["member"])
    url = f"/rounds/{scene['closed']}/report"
    client.get(url)  # the first view settles the round (closed by date)
    with app.app_context():
        cache.clear()
    fresh = tables(statements_of(app, client, url))
    kept = tables(statements_of(app, client, url))
    fixed = {"SELECT likert_tally", "SELECT survey_response", "SELECT round_audience",
             "SELECT perception_tally"}
    assert fixed & set(fresh) == fixed
    assert not fixed & set(kept), \
        "participation, Likert figures and the trend's history are kept once closed"
    assert kept == REPORT, kept
    assert len(fresh) - len(kept) == 9, (fresh, kept)  # the questions too, when not kept
    assert "SELECT action_item" in kept and "SELECT idea" in kept, "what can change is read"
