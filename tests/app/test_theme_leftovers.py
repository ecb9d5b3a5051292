"""The mixed bag of leftovers: stored as such, named so, and never part of a lineage."""
from datetime import timedelta

from sqlalchemy import select

from tests import factories
from tests.app.test_theme_lineage import LEADS, PIPELINE, _analyse, _theme_with
from webapp.extensions import db
from webapp.models import SurveyRound, Theme, ThemeRun
from webapp.models.types import utcnow
from webapp.surveys.services import get_round
from webapp.themes import services

STRAYS = ["Bike racks by the door", "Fresh coffee beans upstairs"]


def _round(days_ago, texts, title):
    round_id = factories.make_round(template=False, state="draft", title=title)
    survey_round = db.session.get(SurveyRound, round_id)
    survey_round.opens_at = utcnow() - timedelta(days=days_ago)
    survey_round.closes_at = survey_round.opens_at + timedelta(days=20)
    db.session.commit()
    for text in texts:
        factories.make_idea(round_id, text, team="Marketing")
    return round_id


def test_a_leftover_theme_is_stored_named_and_left_out_of_lineage(
        app, client, auth, people):
    auth.login_as(people["leader"])
    with app.app_context():
        run = services.start_run(get_round(_round(200, LEADS + PIPELINE + STRAYS, "Q1 pulse")),
                                 None, k=3)
        db.session.commit()
        services.execute_run(run.id)
        first = run.id
        # Three themes asked for: the two stray ideas are too few for a theme of their own.
        themes = db.session.scalars(select(Theme).where(Theme.run_id == first)).all()
        assert [t.leftover for t in themes] == [False, False, True]
        assert themes[2].name == "Mixed bag" and themes[2].mixed
        # Were the pipeline ideas left over last time, the pipeline theme now is new.
        pipeline = _theme_with(db.session.get(ThemeRun, first), PIPELINE[0])
        pipeline.leftover = True
        db.session.commit()
        second_round = _round(50, LEADS + PIPELINE, "Q2 pulse")
        second = _analyse(second_round)
        assert _theme_with(second, PIPELINE[0]).continues_id is None
        assert _theme_with(second, LEADS[0]).continues_id == _theme_with(
            db.session.get(ThemeRun, first), LEADS[0]).id
    page = client.get(f"/rounds/{second_round}/themes").get_data(as_text=True)
    assert "Gone since" not in page, "a mixed bag is never a theme that went"
