"""Likert tallies kept while a round is open: exact, never ahead of what is released."""
import http.client
import threading
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from sqlalchemy import select

from tests import factories
from tests.app.test_reports import _csv
from tests.conftest import make_config
from tests.live import serve
from webapp import create_app, lifecycle
from webapp.extensions import db
from webapp.models import LikertTally, Question, SurveyRound, Team, User
from webapp.models.types import utcnow
from webapp.surveys import answering


def _open_round(app, anonymous):
    """An open round of Sales and Marketing with two Likert items; its id and item ids."""
    with app.app_context():
        round_id = factories.make_round(template=False, state="draft", anonymous=anonymous)
        survey_round = db.session.get(SurveyRound, round_id)
        survey_round.questions = [
            Question(position=n, kind="likert", text=f"Item {n + 1}", lever="unify_goal",
                     required=True, options=[]) for n in range(2)]
        survey_round.opens_at = utcnow() - timedelta(days=1)
        db.session.commit()
        return round_id, [q.id for q in survey_round.questions]


def _submit(app, round_id, person, answers):
    with app.app_context():
        survey_round = db.session.get(SurveyRound, round_id)
        assert answering.submit(survey_round, db.session.get(User, person.id), answers)
        db.session.commit()


def _tallies(app, round_id):
    """{(item position, team name, value): count} of the round's tallies."""
    with app.app_context():
        rows = db.session.execute(
            select(Question.position, Team.name, LikertTally.value, LikertTally.count)
            .join(Question, Question.id == LikertTally.question_id)
            .join(Team, Team.id == LikertTally.team_id)
            .where(LikertTally.round_id == round_id))
        return {(position, team, value): count for position, team, value, count in rows}


def test_a_named_round_counts_each_answer_as_it_is_submitted(app, make_user):
    round_id, (first, second) = _open_round(app, anonymous=False)
    answers = [("Sales", 4, 2), ("Sales", 4, 5), ("Marketing", 1, 5), ("Sales", 3, 2)]
    for team, one, two in answers:
        _submit(app, round_id, make_user(team=team), {first: one, second: two})
    assert _tallies(app, round_id) == {
        (0, "Sales", 4): 2, (0, "Sales", 3): 1, (0, "Marketing", 1): 1,
        (1, "Sales", 2): 2, (1, "Sales", 5): 1, (1, "Marketing", 5): 1}


def test_an_optional_item_left_blank_is_not_counted(app, make_user):
    round_id, (first, second) = _open_round(app, anonymous=False)
    _submit(app, round_id, make_user(team="Sales"), {first: 4})
    assert _tallies(app, round_id) == {(0, "Sales", 4): 1}


def test_the_open_report_reads_the_tallies(app, client, auth, people, make_user):
    round_id, (first, second) = _open_round(app, anonymous=False)
    # Five of each team (the threshold): Sales 4,4,4,5,2 on item 1; Marketing all 3.
    for value in (4, 4, 4, 5, 2):
        _submit(app, round_id, make_user(team="Sales"), {first: value, second: 1})
    for _ in range(5):
        _submit(app, round_id, make_user(team="Marketing"), {first: 3, second: 1})
    auth.login_as(people["leader"])
    figures = _csv(client, round_id)
    assert figures["items", "Item 1", "Sales", "answers 4"] == "3"
    assert figures["items", "Item 1", "Marketing", "answers 3"] == "5"
    # Favourable (4 or 5) over both items: Sales 4 of 10, Marketing 0 of 10.
    assert figures["levers", "Unify the goal", "Sales", "favourable %"] == "40.0"
    assert figures["levers", "Unify the goal", "Marketing", "favourable %"] == "0.0"


def test_an_anonymous_round_counts_answers_only_as_their_batch_is_released(app, make_user):
    round_id, (first, second) = _open_round(app, anonymous=True)
    sales = [make_user(team="Sales") for _ in range(10)]
    for person in sales[:9]:
        _submit(app, round_id, person, {first: 4, second: 2})
    assert _tallies(app, round_id) == {}, "nine wait: below twice the threshold of 5"
    _submit(app, round_id, sales[9], {first: 4, second: 2})
    # Ten wait: five go out with the batch, the threshold's five stay held.
    assert _tallies(app, round_id) == {(0, "Sales", 4): 5, (1, "Sales", 2): 5}
    with app.app_context():
        db.session.get(SurveyRound, round_id).closes_at = utcnow()
        db.session.commit()
    with app.app_context():
        lifecycle.settle(db.session.get(SurveyRound, round_id))
        db.session.commit()
    assert _tallies(app, round_id) == {(0, "Sales", 4): 10, (1, "Sales", 2): 10}


def _post(base, path, form, cookie=None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request("POST", path, body=urlencode(form), headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_answers_submitted_at_once_are_each_counted(app, database_url, make_user):
    round_id, (first, second) = _open_round(app, anonymous=False)
    people = [make_user(team="Sales") for _ in range(6)]
    with serve(create_app(make_config(database_url))) as base:
        cookies = [_post(base, "/login", {"email": person.email,
                                          "password": factories.PASSWORD})
                   .getheader("Set-Cookie").split(";", 1)[0] for person in people]
        barrier = threading.Barrier(len(people))
        statuses = []

        def answer(cookie):
            barrier.wait()
            statuses.append(_post(base, f"/rounds/{round_id}/answer",
                                  {f"q{first}": "4", f"q{second}": "5"}, cookie).status)

        threads = [threading.Thread(target=answer, args=(c,)) for c in cookies]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [302] * 6
    assert _tallies(app, round_id) == {(0, "Sales", 4): 6, (1, "Sales", 5): 6}
