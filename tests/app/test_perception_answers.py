"""Perception items: leaders turn them on, staff predict the other team, bad input is refused."""
import re

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import (PerceptionTally, Prediction, Question, ResponseDraft, SurveyResponse,
                           SurveyRound)
from webapp.surveys import template
from webapp.surveys.perception import MISSING, NOT_A_NUMBER, NOT_LIKERT, OUT_OF_RANGE


def _round(app, state="open", anonymous=True, teams=("Sales", "Marketing")):
    """A round with a perception item, a plain Likert item and an idea question."""
    with app.app_context():
        round_id = factories.make_round(teams=teams, state=state, anonymous=anonymous,
                                        template=False)
        survey_round = db.session.get(SurveyRound, round_id)
        survey_round.questions = [
            Question(position=0, kind="likert", text="We share one revenue goal.",
                     lever="unify_goal", required=True, perception=True, options=[]),
            Question(position=1, kind="likert", text="We meet often enough.",
                     lever="force_communication", required=True, options=[]),
            Question(position=2, kind="idea", text="One change?", required=False, options=[]),
        ]
        db.session.commit()
        return round_id, [q.id for q in survey_round.questions]


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _question(app, question_id):
    with app.app_context():
        question = db.session.get(Question, question_id)
        db.session.expunge(question)
        return question


def test_a_leader_turns_perception_on_for_a_likert_item(app, client, auth, people):
    round_id, (_, plain, _) = _round(app, state="draft")
    auth.login_as(people["leader"])
    response = client.post(f"/rounds/{round_id}/questions/{plain}/edit", data={
        "kind": "likert", "text": "We meet often enough.", "lever": "force_communication",
        "required": "y", "perception": "y"})
    assert response.status_code == 302
    assert _question(app, plain).perception is True
    page = client.get(f"/rounds/{round_id}").get_data(as_text=True)
    assert page.count('class="perception-mark">perception</span>') == 2


def test_perception_on_a_non_likert_item_is_refused_and_nothing_changes(
        app, client, auth, people):
    round_id, (_, _, idea) = _round(app, state="draft")
    auth.login_as(people["leader"])
    response = client.post(f"/rounds/{round_id}/questions/{idea}/edit", data={
        "kind": "idea", "text": "One better change?", "perception": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and NOT_LIKERT in page
    assert 'value="One better change?"' in page, "what was typed stays in the form"
    assert _question(app, idea).perception is False
    assert _question(app, idea).text == "One change?"
    added = client.post(f"/rounds/{round_id}/questions/new", data={
        "kind": "short_text", "text": "Anything else?", "perception": "y"})
    assert NOT_LIKERT in added.get_data(as_text=True)
    assert _count(app, Question) == 3


def test_the_built_in_template_can_turn_on_one_perception_item_per_lever(
        app, client, auth, people):
    auth.login_as(people["leader"])
    with app.app_context():
        teams = [factories.get_team(name).id for name in ("Sales", "Marketing")]
    for perception, expected in (("y", 6), ("", 0)):
        title = f"Pulse {expected}"
        client.post("/rounds/new", data={
            "title": title, "team_ids": teams, "anonymous": "y",
            "start_from": "template", "perception": perception, "reminder_days": ""})
        with app.app_context():
            survey_round = db.session.scalar(select(SurveyRound).where(
                SurveyRound.title == title))
            chosen = [q for q in survey_round.questions if q.perception]
            assert len(chosen) == expected
            assert {q.lever for q in chosen} == ({q["lever"] for q in
                                                  template.template_questions()
                                                  if q["lever"]} if expected else set())
            assert all(q.kind == "likert" for q in chosen)


@pytest.mark.parametrize("team, other", [("Sales", "Marketing"), ("Marketing", "Sales")])
def test_each_team_is_asked_about_the_other(app, client, auth, make_user, team, other):
    round_id, (perceived, plain, _) = _round(app)
    auth.login_as(make_user(team=team))
    page = client.get(f"/rounds/{round_id}/answer").get_data(as_text=True)
    assert f"What share of {other} will agree or strongly agree?" in page
    assert f'name="p{perceived}"' in page
    assert f'name="p{plain}"' not in page, "only perception items ask for a prediction"


def test_a_third_team_answers_without_predicting(app, client, auth, make_user):
    round_id, (perceived, plain, _) = _round(app, teams=("Sales", "Marketing", "Product"))
    auth.login_as(make_user(team="Product"))
    page = client.get(f"/rounds/{round_id}/answer").get_data(as_text=True)
    assert f'name="p{perceived}"' not in page
    client.post(f"/rounds/{round_id}/answer", data={f"q{perceived}": "4", f"q{plain}": "3",
                                                    f"p{perceived}": "50"})
    assert _count(app, SurveyResponse) == 1 and _count(app, Prediction) == 0


@pytest.mark.parametrize("value, message", [
    ("150", OUT_OF_RANGE), ("-10", OUT_OF_RANGE), ("lots", NOT_A_NUMBER),
    ("55.5", NOT_A_NUMBER), ("=1+2", NOT_A_NUMBER), ("", MISSING.format(team="Marketing")),
])
def test_a_bad_or_missing_prediction_is_refused_and_the_answers_kept(
        app, client, auth, make_user, value, message):
    round_id, (perceived, plain, idea) = _round(app)
    auth.login_as(make_user(team="Sales"))
    response = client.post(f"/rounds/{round_id}/answer", data={
        f"q{perceived}": "4", f"q{plain}": "2", f"q{idea}": "Shared pipeline review",
        f"p{perceived}": value})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert "Shared pipeline review</textarea>" in page, "the other answers are kept"
    assert re.search(rf'name="q{perceived}"[^>]*value="4"|value="4"[^>]*checked', page)
    assert _count(app, SurveyResponse) == 0 and _count(app, Prediction) == 0


def test_a_prediction_without_its_answer_is_not_needed_to_save_a_draft(
        app, client, auth, make_user):
    round_id, (perceived, plain, _) = _round(app)
    auth.login_as(make_user(team="Sales"))
    saved = client.post(f"/rounds/{round_id}/answer", data={
        f"q{perceived}": "4", f"p{perceived}": "", "action": "save"})
    assert saved.status_code == 302
    client.post(f"/rounds/{round_id}/answer", data={
        f"q{perceived}": "5", f"p{perceived}": "70%", "action": "save"})
    with app.app_context():
        draft = db.session.scalar(select(ResponseDraft))
        assert draft.answers == {str(perceived): 5, f"p{perceived}": 70}
    page = client.get(f"/rounds/{round_id}/answer").get_data(as_text=True)
    assert re.search(rf'name="p{perceived}"[^>]*value="70"', page), "the prediction comes back"


def test_an_out_of_range_prediction_is_not_saved_either(app, client, auth, make_user):
    round_id, (perceived, _, _) = _round(app)
    auth.login_as(make_user(team="Sales"))
    response = client.post(f"/rounds/{round_id}/answer", data={
        f"q{perceived}": "4", f"p{perceived}": "101", "action": "save"})
    assert OUT_OF_RANGE in response.get_data(as_text=True)
    assert _count(app, ResponseDraft) == 0


def test_an_anonymous_prediction_is_kept_with_the_response_never_the_person(
        app, client, auth, make_user):
    round_id, (perceived, plain, _) = _round(app, anonymous=True)
    person = make_user(team="Sales")
    auth.login_as(person)
    response = client.post(f"/rounds/{round_id}/answer", data={
        f"q{perceived}": "4", f"q{plain}": "2", f"p{perceived}": "60"})
    assert response.status_code == 302
    with app.app_context():
        prediction = db.session.scalar(select(Prediction))
        stored = db.session.get(SurveyResponse, prediction.response_id)
        assert (prediction.share, prediction.about_team_id) == (
            60, factories.get_team("Marketing").id)
        assert stored.respondent_id is None and stored.team_id == person.team_id
        columns = set(Prediction.__table__.columns.keys())
        assert columns == {"response_id", "question_id", "about_team_id", "share"}
    # Held with its response: nothing is counted before a batch of the team is released.
    assert _count(app, PerceptionTally) == 0


def test_a_named_prediction_is_counted_at_once(app, client, auth, make_user):
    round_id, (perceived, plain, _) = _round(app, anonymous=False)
    auth.login_as(make_user(team="Marketing"))
    client.post(f"/rounds/{round_id}/answer", data={
        f"q{perceived}": "4", f"q{plain}": "2", f"p{perceived}": "30"})
    with app.app_context():
        tally = db.session.scalar(select(PerceptionTally))
        assert (tally.team_id, tally.about_team_id, tally.value, tally.count) == (
            factories.get_team("Marketing").id, factories.get_team("Sales").id, 30, 1)


def test_the_database_refuses_a_share_out_of_range(app, make_user):
    round_id, (perceived, _, _) = _round(app)
    with app.app_context():
        response = SurveyResponse(round_id=round_id, team_id=factories.get_team("Sales").id)
        db.session.add(response)
        db.session.flush()
        db.session.add(Prediction(response_id=response.id, question_id=perceived,
                                  about_team_id=factories.get_team("Marketing").id, share=101))
        with pytest.raises(Exception, match="(?i)check|constraint"):
            db.session.flush()
        db.session.rollback()
