"""A round takes answers from its opening moment up to, but not at, its closing moment.

The closing moment belongs to the closed round: the tallies kept at closing must hold
every answer, so none may arrive at that very time.
"""
from datetime import timedelta

import pytest

from tests import factories
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.models import SurveyRound, User
from webapp.models.types import utcnow
from webapp.surveys import answering


@pytest.fixture
def dated_round(app):
    """An open round that closes in an hour, with one Likert question: (id, question id)."""
    with app.app_context():
        round_id = factories.make_round(template=False)
        question = factories.add_likert_question(round_id)
        db.session.get(SurveyRound, round_id).closes_at = utcnow() + timedelta(hours=1)
        db.session.commit()
    return round_id, question


def _submit(app, person, round_id, question, at, shift=timedelta(0)):
    """Submit ``person``'s answer at the round's ``at`` moment (a column) plus ``shift``."""
    with app.app_context():
        survey_round = db.session.get(SurveyRound, round_id)
        response = answering.submit(survey_round, db.session.get(User, person.id),
                                    {question: 4}, now=getattr(survey_round, at) + shift)
        db.session.commit()
        return response is not None


def test_an_answer_at_the_opening_moment_is_taken(app, make_user, dated_round):
    round_id, question = dated_round
    assert _submit(app, make_user(team="Sales"), round_id, question, "opens_at")


def test_an_answer_at_the_closing_moment_is_refused(app, make_user, dated_round):
    round_id, question = dated_round
    early, late = make_user(team="Sales"), make_user(team="Sales")
    assert _submit(app, early, round_id, question, "closes_at", -timedelta(seconds=1))
    with pytest.raises(ServiceError, match="This round is not open for answers."):
        _submit(app, late, round_id, question, "closes_at")
