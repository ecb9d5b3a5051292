"""The report's perception figures: hand-worked values, the privacy gate, tallies, the trend."""
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select

from tests import factories
from tests.app.test_reports import _csv, _statements
from webapp import lifecycle
from webapp.extensions import db
from webapp.models import PerceptionTally, Question, SurveyRound, User
from webapp.models.types import utcnow
from webapp.reports.perception import FORMULA
from webapp.surveys import answering

# Per person: (answers to U1, U2, F1), (predictions on U1, U2, F1) of the other team.
SALES = [((4, 3, 5), (50, 30, 20)), ((4, 3, 5), (50, 30, 20)), ((5, 3, 5), (50, 30, 20)),
         ((2, 3, 5), (50, 30, 20)), ((1, 3, 4), (50, 30, 20))]
MARKETING = [((4, 1, 2), (80, 60, 100))] * 4 + [((4, 5, 2), (80, 60, 100))]
# Unify the goal (U1, U2):
#   Sales predicted Marketing (50 + 30) / 2 = 40%; Marketing's real share: U1 5 of 5
#   favourable, U2 1 of 5, so 6 of 10 = 60%; gap 40 - 60 = -20.
#   Marketing predicted Sales (80 + 60) / 2 = 70%; Sales real: U1 3 of 5, U2 0 of 5,
#   so 3 of 10 = 30%; gap +40.
# Force communication (F1):
#   Sales predicted Marketing 20%; real 0 of 5 = 0%; gap +20.
#   Marketing predicted Sales 100%; real 5 of 5 = 100%; gap 0.
# Understanding index: 100 - (20 + 40 + 20 + 0) / 4 = 80.


def _round(app, anonymous=False, title="Q1 alignment pulse", opened_days_ago=1):
    with app.app_context():
        round_id = factories.make_round(state="draft", anonymous=anonymous, template=False,
                                        title=title)
        survey_round = db.session.get(SurveyRound, round_id)
        survey_round.questions = [
            Question(position=n, kind="likert", text=text, lever=lever, required=True,
                     perception=True, options=[])
            for n, (text, lever) in enumerate([("U1", "unify_goal"), ("U2", "unify_goal"),
                                               ("F1", "force_communication")])]
        survey_round.opens_at = utcnow() - timedelta(days=opened_days_ago)
        db.session.commit()
        return round_id, [q.id for q in survey_round.questions]


def _answer(app, round_id, items, team, people, skip_prediction=0):
    """Submit ``people`` of ``team``; the first ``skip_prediction`` give no prediction."""
    for index, (answers, predictions) in enumerate(people):
        person = _person(app, team)
        with app.app_context():
            survey_round = db.session.get(SurveyRound, round_id)
            given = {} if index < skip_prediction else dict(zip(items, predictions))
            assert answering.submit(survey_round, db.session.get(User, person.id),
                                    dict(zip(items, answers)), predictions=given)
            db.session.commit()


def _person(app, team):
    with app.app_context():
        return factories.make_user(team=team)


def _close(app, round_id):
    with app.app_context():
        lifecycle.close_round(db.session.get(SurveyRound, round_id))
        db.session.commit()


@pytest.fixture
def leader_client(client, auth, people):
    auth.login_as(people["leader"])
    return client


def _direction(figures, lever, team):
    """(predicted, real, gap) of one team about the other on a lever, as the CSV has them."""
    return tuple(figures["perception", lever, team, measure] for measure in (
        "predicted favourable %", "real favourable %", "gap points"))


@pytest.mark.parametrize("closed", [False, True])
def test_predicted_real_gap_and_index_on_a_hand_made_round(app, leader_client, closed):
    round_id, items = _round(app)
    _answer(app, round_id, items, "Sales", SALES)
    _answer(app, round_id, items, "Marketing", MARKETING)
    if closed:
        _close(app, round_id)
    figures = _csv(leader_client, round_id)
    assert _direction(figures, "Unify the goal", "Sales about Marketing") == (
        "40.0", "60.0", "-20.0")
    assert _direction(figures, "Unify the goal", "Marketing about Sales") == (
        "70.0", "30.0", "40.0")
    assert _direction(figures, "Force communication", "Sales about Marketing") == (
        "20.0", "0.0", "20.0")
    assert _direction(figures, "Force communication", "Marketing about Sales") == (
        "100.0", "100.0", "0.0")
    assert figures["index", "understanding index", "", "0-100"] == "80.0"


def test_the_page_shows_the_index_beside_alignment_with_its_formula(app, leader_client):
    round_id, items = _round(app)
    _answer(app, round_id, items, "Sales", SALES)
    _answer(app, round_id, items, "Marketing", MARKETING)
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "Understanding index" in page and str(escape(FORMULA)) in page
    assert '<span class="big-number">80</span>' in page
    assert '<strong class="summary-figure">80</strong> of 100' in page, "in the summary too"
    assert "<td>Marketing about Sales</td>\n      <td>70%</td>\n      <td>30%</td>" in page


def test_a_round_without_perception_items_has_no_such_section(app, leader_client):
    with app.app_context():
        round_id = factories.make_round(state="open")
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "Understanding index" not in page
    assert not any(key[0] == "perception" for key in _csv(leader_client, round_id))


def test_a_team_below_the_threshold_shows_neither_predictions_nor_real_share(
        app, leader_client):
    round_id, items = _round(app)
    _answer(app, round_id, items, "Sales", SALES)
    _answer(app, round_id, items, "Marketing", MARKETING[:4])  # one short of 5
    figures = _csv(leader_client, round_id)
    perception = {key: value for key, value in figures.items() if key[0] == "perception"}
    assert perception and set(perception.values()) == {""}, "all withheld, complement too"
    assert figures["index", "understanding index", "", "0-100"] == ""
    page = leader_client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "40%" not in page and "70%" not in page


def test_too_few_predictions_withhold_the_predictions_but_not_the_answers(app, leader_client):
    round_id, items = _round(app)
    _answer(app, round_id, items, "Sales", SALES)
    _answer(app, round_id, items, "Marketing", MARKETING, skip_prediction=1)
    figures = _csv(leader_client, round_id)
    row = ("perception", "Unify the goal", "Marketing about Sales")
    assert figures[(*row, "predicted favourable %")] == ""
    assert figures[(*row, "real favourable %")] == "30.0"
    # The complement rule: Sales's predictions would give Marketing's away from a total.
    row = ("perception", "Unify the goal", "Sales about Marketing")
    assert figures[(*row, "predicted favourable %")] == ""
    assert figures[(*row, "real favourable %")] == "60.0"


def test_too_few_answers_to_an_optional_item_withhold_the_real_share(app, leader_client):
    round_id, items = _round(app)
    with app.app_context():
        db.session.get(Question, items[2]).required = False
        db.session.commit()
    # Five Sales people answer, but only four of them answer F1.
    _answer(app, round_id, items, "Sales", SALES[:4] + [((1, 3), (50, 30, 20))])
    _answer(app, round_id, items, "Marketing", MARKETING)
    figures = _csv(leader_client, round_id)
    row = ("perception", "Force communication", "Marketing about Sales")
    assert figures[(*row, "real favourable %")] == ""
    assert figures[(*row, "predicted favourable %")] == "100.0"
    # The complement rule: shown with a total, Marketing's answers would give Sales's away.
    row = ("perception", "Force communication", "Sales about Marketing")
    assert figures[(*row, "real favourable %")] == ""
    assert figures["perception", "Unify the goal", "Marketing about Sales",
                   "real favourable %"] == "30.0"


def test_anonymous_predictions_count_only_once_released(app, leader_client):
    round_id, items = _round(app, anonymous=True)
    _answer(app, round_id, items, "Sales", SALES)
    _answer(app, round_id, items, "Marketing", MARKETING)
    with app.app_context():
        assert db.session.scalar(select(PerceptionTally).limit(1)) is None, "still held"
    figures = _csv(leader_client, round_id)
    assert figures["perception", "Unify the goal", "Sales about Marketing",
                   "predicted favourable %"] == ""
    _close(app, round_id)
    figures = _csv(leader_client, round_id)
    assert figures["index", "understanding index", "", "0-100"] == "80.0"


def test_the_open_report_reads_tallies_not_predictions(app, leader_client):
    round_id, items = _round(app)
    _answer(app, round_id, items, "Sales", SALES)
    _answer(app, round_id, items, "Marketing", MARKETING)
    with app.app_context():
        sales = factories.get_team("Sales").id
        marketing = factories.get_team("Marketing").id
        rows = db.session.execute(select(PerceptionTally.question_id, PerceptionTally.value,
                                         PerceptionTally.count).where(
            PerceptionTally.team_id == sales, PerceptionTally.about_team_id == marketing)).all()
        assert sorted(rows) == sorted([(items[0], 50, 5), (items[1], 30, 5), (items[2], 20, 5)])
        # Change the tally behind the report: the report must follow it.
        tally = db.session.get(PerceptionTally, (round_id, items[0], sales, marketing, 50))
        tally.value = 90
        db.session.commit()
    figures = _csv(leader_client, round_id)
    # (90 + 30) / 2 = 60
    assert figures["perception", "Unify the goal", "Sales about Marketing",
                   "predicted favourable %"] == "60.0"


def test_the_understanding_index_has_a_trend_over_rounds(app, leader_client):
    first, items = _round(app, title="Q1 pulse", opened_days_ago=40)
    _answer(app, first, items, "Sales", SALES)
    _answer(app, first, items, "Marketing", MARKETING)
    _close(app, first)
    second, items = _round(app, title="Q2 pulse", opened_days_ago=2)
    # The second time every team predicts the other's pooled share on each lever exactly:
    # Marketing 60% and 0%, Sales 30% and 100%, so every gap is 0 and the index 100.
    exact_sales = [(answers, (60, 60, 0)) for answers, _ in SALES]
    exact_marketing = [(answers, (30, 30, 100)) for answers, _ in MARKETING]
    _answer(app, second, items, "Sales", exact_sales)
    _answer(app, second, items, "Marketing", exact_marketing)
    figures = _csv(leader_client, second)
    assert figures["trend", "Q1 pulse", "", "understanding index"] == "80.0"
    assert figures["trend", "Q2 pulse", "", "understanding index"] == "100.0"
    assert figures["index", "understanding index", "", "0-100"] == "100.0"
    page = leader_client.get(f"/rounds/{second}/report").get_data(as_text=True)
    assert "Understanding index (dashed line)" in page


@pytest.mark.parametrize("anonymous", [False, True])
def test_the_open_report_costs_the_same_however_many_predict(app, leader_client, anonymous):
    counts = []
    for times, title in ((1, "Small"), (3, "Big")):
        round_id, items = _round(app, anonymous=anonymous, title=title)
        _answer(app, round_id, items, "Sales", SALES * times)
        _answer(app, round_id, items, "Marketing", MARKETING * times)
        counts.append(len(_statements(app, leader_client, f"/rounds/{round_id}/report")))
    assert counts[0] == counts[1]


def test_the_trend_costs_the_same_however_many_earlier_rounds(app, leader_client):
    counts = []
    for earlier in (1, 3):
        for n in range(earlier):
            round_id, items = _round(app, title=f"Earlier {earlier}.{n}",
                                     opened_days_ago=60 - n)
            _answer(app, round_id, items, "Sales", SALES)
            _answer(app, round_id, items, "Marketing", MARKETING)
            _close(app, round_id)
            leader_client.get(f"/rounds/{round_id}/report")
        round_id, items = _round(app, title=f"Latest {earlier}")
        _answer(app, round_id, items, "Sales", SALES)
        counts.append(len(_statements(app, leader_client, f"/rounds/{round_id}/report")))
        assert _csv(leader_client, round_id)[
            "trend", f"Earlier {earlier}.0", "", "understanding index"] == "80.0"
    assert counts[0] == counts[1]
