"""Nothing a person can see follows the order in which people answered an anonymous round."""
import re

import pytest
from sqlalchemy import select

from tests import factories
from webapp import lifecycle
from webapp.extensions import db
from webapp.models import Idea, SurveyRound, User
from webapp.surveys import answering
from webapp.themes import services as themes

PEOPLE = 12


def _person_no(text):
    return int(re.search(r"person (\d+)", text).group(1))


@pytest.fixture
def answered(app, make_user):
    """An anonymous round that a dozen Sales people answered in a known order, one idea each.

    Returns the round id and a function that submits the next person's answers.
    """
    sales = [make_user(team="Sales") for _ in range(PEOPLE)]
    [make_user(team="Marketing") for _ in range(5)]
    with app.app_context():
        round_id = factories.make_round(template=False)
        likert = factories.add_likert_question(round_id)
        question = factories.add_idea_question(round_id)
    submitted = []

    def submit_next():
        number = len(submitted) + 1
        with app.app_context():
            survey_round = db.session.get(SurveyRound, round_id)
            assert answering.submit(survey_round, db.session.get(User, sales[number - 1].id), {
                likert: 4, question: f"Pipeline review idea from person {number:02}"})
            db.session.commit()
        submitted.append(number)
    return round_id, submit_next


def _board_people(client, round_id, **args):
    page = client.get(f"/rounds/{round_id}/ideas", query_string=args).get_data(as_text=True)
    return [_person_no(text) for text in re.findall(r"idea from person \d+", page)]


def test_survey_ideas_appear_in_batches_of_the_threshold(app, client, auth, people, answered):
    round_id, submit_next = answered
    auth.login_as(people["member"])
    # A batch goes out once twice the threshold wait; the threshold's worth stays held,
    # so the batch that closing releases is never smaller than the threshold either.
    for expected in (0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 5):
        submit_next()
        assert len(_board_people(client, round_id, sort="newest")) == expected
        assert f"{expected} ideas so far" in client.get("/").get_data(as_text=True)
    with app.app_context():
        lifecycle.close_round(db.session.get(SurveyRound, round_id))
        db.session.commit()
    assert sorted(_board_people(client, round_id, sort="newest")) == list(range(1, 13))


def _closed(app, round_id):
    with app.app_context():
        lifecycle.close_round(db.session.get(SurveyRound, round_id))
        db.session.commit()


def test_a_held_survey_idea_is_not_found_by_its_number(app, client, auth, people, answered):
    # Until its batch goes out, a survey idea opened by its number would show what one
    # respondent just wrote: for staff and leaders alike it is not there yet.
    round_id, submit_next = answered
    submit_next()
    with app.app_context():
        idea_id = db.session.scalar(select(Idea.id).where(Idea.round_id == round_id))
    for person in ("member", "leader"):
        auth.login_as(people[person])
        assert client.get(f"/ideas/{idea_id}").status_code == 404, person
        assert client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"}).status_code == 404
        assert client.post(f"/ideas/{idea_id}/comments",
                           data={"body": "Which accounts first?"}).status_code == 404
    _closed(app, round_id)
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert "Pipeline review idea from person 01" in page


def test_a_held_survey_idea_is_not_offered_as_a_similar_idea(app, client, auth, people,
                                                             answered):
    # The hints shown while typing list the round's ideas like the board does: one
    # answer just submitted would otherwise show up there before any batch.
    round_id, submit_next = answered
    submit_next()
    auth.login_as(people["member"])
    url = f"/rounds/{round_id}/ideas/similar?text=pipeline+review+idea+from+person"
    assert client.get(url).json["ideas"] == []
    _closed(app, round_id)
    assert [hint["text"] for hint in client.get(url).json["ideas"]] == [
        "Pipeline review idea from person 01"]


def test_batches_are_counted_within_one_team(app, client, auth, people, make_user):
    # Five answers of each team make ten waiting in the round, but a batch is one team's:
    # released together, a few of each team's answers would point to few people.
    teams = [make_user(team=team) for team in ("Sales", "Marketing") for _ in range(5)]
    with app.app_context():
        round_id = factories.make_round(template=False)
        question = factories.add_idea_question(round_id)
        survey_round = db.session.get(SurveyRound, round_id)
        for number, person in enumerate(teams, 1):
            assert answering.submit(survey_round, db.session.get(User, person.id), {
                question: f"Pipeline review idea from person {number:02}"})
        db.session.commit()
    auth.login_as(people["leader"])
    assert _board_people(client, round_id, sort="newest") == []


def _unrelated(order):
    """Neither the order of submission nor its reverse."""
    return len(order) == PEOPLE and order not in (sorted(order), sorted(order, reverse=True))


def test_no_listing_follows_the_order_of_submission(app, client, auth, people, answered):
    round_id, submit_next = answered
    for _ in range(PEOPLE):
        submit_next()
    _closed(app, round_id)
    auth.login_as(people["leader"])
    for sort in ("bridging", "agreed", "divisive", "newest"):
        assert _unrelated(_board_people(client, round_id, sort=sort)), sort
    hints = client.get(f"/rounds/{round_id}/ideas/similar?text=pipeline+review+idea").json
    assert [_person_no(hint["text"]) for hint in hints["ideas"]] != [1, 2, 3, 4, 5]
    _check_numbers_and_times(app, round_id)
    listed = []
    for theme_id in _theme_ids(app, round_id):
        page = client.get(f"/themes/{theme_id}").get_data(as_text=True)
        listed += [_person_no(text) for text in re.findall(r"idea from person \d+", page)]
    assert _unrelated(listed)


def _check_numbers_and_times(app, round_id):
    with app.app_context():
        ideas = db.session.scalars(select(Idea).where(Idea.round_id == round_id)).all()
        by_number = [_person_no(idea.text) for idea in sorted(ideas, key=lambda i: i.id)]
        assert _unrelated(by_number), "idea numbers are random"
        assert len({idea.created_at for idea in ideas}) == 1, "one time for all: the opening"


def _theme_ids(app, round_id):
    with app.app_context():
        run = themes.start_run(db.session.get(SurveyRound, round_id), None, k=2)
        db.session.commit()
        themes.execute_run(run.id)
        return [theme.id for theme in themes.themes_of(run)]
