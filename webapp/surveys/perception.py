"""Perception items: who predicts whom, the prediction field, and checks on the question.

Each team of the round's compared pair (Sales and Marketing by default: the first two
teams in the order they were made) predicts the other. With more teams, people of the
other teams answer the item but are not asked to predict: their "other team" would be
ambiguous, and the report compares one pair.
"""
from wtforms import IntegerField
from wtforms.validators import NumberRange, Optional

from webapp.errors import ServiceError
from webapp.models import PREDICTION_MAX, PREDICTION_MIN, QuestionKind

PREDICTION_STEP = 10  # the form suggests tens; any whole number in range is taken
OUT_OF_RANGE = f"Give a share from {PREDICTION_MIN} to {PREDICTION_MAX}."
NOT_A_NUMBER = f"Give a whole number from {PREDICTION_MIN} to {PREDICTION_MAX}, such as 60."
MISSING = "Say what share of {team} you expect to agree: a number from 0 to 100."
NOT_LIKERT = "Only agreement-scale (1–5) items can ask for a prediction."


def default_pair(survey_round):
    """The two teams compared by default: the round's first two in the order they were made."""
    return sorted(survey_round.teams, key=lambda team: team.id)[:2]


def about_team(survey_round, team_id):
    """The team that people of ``team_id`` predict, or None if they are not asked."""
    pair = default_pair(survey_round)
    if len(pair) != 2 or team_id not in (pair[0].id, pair[1].id):
        return None
    return pair[1] if pair[0].id == team_id else pair[0]


def prediction_name(question):
    """The form field name of the prediction on ``question``."""
    return f"p{question.id}"


def asks_prediction(question, about):
    """True if the person answering (who predicts ``about``) is asked for a prediction."""
    return question.perception and question.kind == QuestionKind.LIKERT and about is not None


class PredictionField(IntegerField):
    """A whole percentage; "60%" is read as 60, anything else not a number is refused."""

    def process_formdata(self, valuelist):
        """Read the number, with a message people understand when it is not one."""
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip().removesuffix("%").strip()
        try:
            self.data = int(text)
        except ValueError:
            self.data = None
            raise ValueError(NOT_A_NUMBER) from None


def prediction_field(about):
    """The field asking what share of ``about`` will answer favourably."""
    label = f"What share of {about.name} will agree or strongly agree?"
    return PredictionField(label, validators=[
        Optional(), NumberRange(PREDICTION_MIN, PREDICTION_MAX, message=OUT_OF_RANGE)])


def missing_predictions(survey_round, form, about):
    """Put a message on each answered perception item whose prediction is missing.

    A prediction is required with every answer given to a perception item, so each
    team's figure rests on the same people as its answers; True if one was missing.
    """
    missing = False
    for question in survey_round.questions:
        if not asks_prediction(question, about):
            continue
        answered = form[f"q{question.id}"].data not in (None, "", [])
        field = form[prediction_name(question)]
        if answered and field.data is None and not field.errors:
            field.errors = [*field.errors, MISSING.format(team=about.name)]
            missing = True
    return missing


def check_perception(kind, perception):
    """Refuse perception on anything but a Likert item."""
    if perception and kind != QuestionKind.LIKERT:
        raise ServiceError(NOT_LIKERT, field="perception")
    return bool(perception)
