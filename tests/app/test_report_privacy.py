"""A report's figures of few people stay withheld, and a closed round's report stays put."""
from datetime import timedelta

from sqlalchemy import update

from tests import factories
from tests.app.test_reports import MARKETING, SALES, _csv, _hand_made_round
from webapp.extensions import db
from webapp.models import Question, SurveyRound, Team, User
from webapp.models.types import utcnow
from webapp.surveys import answering


def _round_with_an_optional_item(app, make_user):
    """Six of each team answer; only two Sales people the optional "share the vision" item."""
    sales = [make_user(team="Sales") for _ in range(6)]
    marketing = [make_user(team="Marketing") for _ in range(6)]
    with app.app_context():
        round_id = factories.make_round(template=False, state="draft")
        survey_round = db.session.get(SurveyRound, round_id)
        survey_round.questions = [
            Question(position=0, kind="likert", text="Goal", lever="unify_goal",
                     required=True, options=[]),
            Question(position=1, kind="likert", text="Vision", lever="share_vision",
                     required=False, options=[])]
        survey_round.opens_at = utcnow() - timedelta(days=3)
        db.session.flush()
        goal, vision = (q.id for q in survey_round.questions)
        for n, person in enumerate(sales + marketing):
            answers = {goal: 4, vision: 5} if n < 2 or n >= 6 else {goal: 4}
            answering.submit(survey_round, db.session.get(User, person.id), answers)
        survey_round.closes_at = utcnow() - timedelta(days=1)
        db.session.commit()
        return round_id


def test_a_lever_answered_by_two_people_of_a_team_is_withheld(
        app, client, auth, people, make_user):
    round_id = _round_with_an_optional_item(app, make_user)
    auth.login_as(people["leader"])
    figures = _csv(client, round_id)
    assert figures["levers", "Unify the goal", "Sales", "favourable %"] == "100.0"
    assert figures["levers", "Share the vision", "Sales", "favourable %"] == "", "2 answered"
    assert figures["levers", "Share the vision", "Marketing", "favourable %"] == "", \
        "complement: with Marketing shown, the lever's answers would give the two away"
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    vision_row = page.split("<td>Share the vision</td>")[1].split("</tr>")[0]
    assert "%" not in vision_row and "withheld" in vision_row


def test_renaming_a_team_keeps_what_a_closed_report_compares(app, client, auth, people,
                                                             make_user):
    round_id = _hand_made_round(app, make_user, extra_teams=[("Product", 5)])
    auth.login_as(people["leader"])
    before = _csv(client, round_id)
    with app.app_context():
        db.session.execute(update(Team).where(Team.name == "Sales").values(name="Revenue"))
        db.session.commit()
    after = _csv(client, round_id)
    assert after["levers", "Unify the goal", "Revenue − Marketing", "gap points"] == \
        before["levers", "Unify the goal", "Sales − Marketing", "gap points"] == "-30.0"


def test_a_closed_report_shows_no_round_still_open_in_its_trend(
        app, client, auth, people, make_user):
    earlier = _hand_made_round(app, make_user, title="Earlier, still open",
                               opens_days_ago=100)
    with app.app_context():
        db.session.get(SurveyRound, earlier).closes_at = None
        db.session.commit()
    closed = _hand_made_round(app, make_user, sales=SALES, marketing=MARKETING,
                              title="Closed")
    auth.login_as(people["leader"])
    trend = [key for key in _csv(client, closed) if key[0] == "trend"]
    assert [subject for _section, subject, *_ in trend] == ["Closed"]
