"""Answering a round: the form built from its questions, drafts, and submitting once."""
from flask_wtf import FlaskForm
from sqlalchemy import delete, exists, select
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from webapp.database import insert_or_ignore, upsert
from webapp.extensions import db
from webapp.fields import MultiCheckboxField
from webapp.limits import IDEA_LIMIT, TEXT_LIMIT
from webapp.models import (LIKERT_LABELS, Answer, Idea, Prediction, QuestionKind, Receipt,
                           ResponseDraft, SurveyResponse, SurveyRound)
from webapp.models.types import utcnow
from webapp.surveys import tallies
from webapp.surveys.perception import (about_team, asks_prediction, missing_predictions,
                                       prediction_field, prediction_name)
from webapp.surveys.services import check_open, purge_drafts, release_batch

NOT_OPEN = "This round is not open for answers."


def field_name(question):
    """Return the form field name of ``question``."""
    return f"q{question.id}"


def _presence(question, enforce_required):
    if not (question.required and enforce_required):
        return [Optional()]
    if question.kind in (QuestionKind.LIKERT, QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return [InputRequired("Choose an answer: this question is required.")]
    return [DataRequired("Write an answer: this question is required.")]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _field(question, enforce_required):
    presence = _presence(question, enforce_required)
    kind = question.kind
    if kind == QuestionKind.LIKERT:
        return RadioField(question.text, validators=presence, coerce=int,
                          choices=[SelectChoice(n, label) for n, label in LIKERT_LABELS.items()])
    if kind == QuestionKind.SINGLE:
        return RadioField(question.text, validators=presence, coerce=int,
                          choices=[SelectChoice(i, o) for i, o in enumerate(question.options)])
    if kind == QuestionKind.MULTIPLE:
        return MultiCheckboxField(question.text, validators=presence, coerce=int,
                                  choices=[SelectChoice(i, o)
                                           for i, o in enumerate(question.options)])
    limit = IDEA_LIMIT if kind == QuestionKind.IDEA else TEXT_LIMIT
    length = Length(max=limit, message=f"Keep it to at most {limit:,} characters.")
    field_class = StringField if kind == QuestionKind.SHORT_TEXT else TextAreaField
    return field_class(question.text, validators=[*presence, length], filters=[_strip])


def answer_form(survey_round, enforce_required=True, about=None, **kwargs):
    """Build and return the answer form of ``survey_round``.

    ``about`` is the team the person predicts on perception items (None: not asked).
    Saving a draft checks everything but required answers; submitting checks all,
    including a prediction with every answered perception item.
    """
    class AnswerForm(FlaskForm):
        def validate(self, extra_validators=None):
            valid = super().validate(extra_validators)
            if enforce_required and about is not None:
                valid = not missing_predictions(survey_round, self, about) and valid
            return valid

    for question in survey_round.questions:
        setattr(AnswerForm, field_name(question), _field(question, enforce_required))
        if asks_prediction(question, about):
            setattr(AnswerForm, prediction_name(question), prediction_field(about))
    return AnswerForm(**kwargs)


def person_about(survey_round, user):
    """The team ``user`` predicts on the round's perception items, or None."""
    return about_team(survey_round, user.team_id)


def form_answers(survey_round, form):
    """Return {question id: value} from a validated form, leaving out blank answers."""
    answers = {}
    for question in survey_round.questions:
        value = form[field_name(question)].data
        if value not in (None, "", []):
            answers[question.id] = value
    return answers


def form_predictions(survey_round, form):
    """Return {question id: share} of the predictions given in a validated form."""
    return {question.id: form[prediction_name(question)].data
            for question in survey_round.questions
            if prediction_name(question) in form and
            form[prediction_name(question)].data is not None}


def has_submitted(survey_round, user):
    """True if ``user`` has a receipt for the round."""
    return db.session.scalar(select(exists().where(
        Receipt.round_id == survey_round.id, Receipt.user_id == user.id)))


def load_draft(survey_round, user):
    """Return the person's saved answers as form data, or None."""
    draft = db.session.get(ResponseDraft, (survey_round.id, user.id))
    if draft is None:
        return None
    by_id = {question.id: question for question in survey_round.questions}
    data = {}
    for key, value in draft.answers.items():
        # Predictions are kept as "p<question id>", answers under the bare id.
        question = by_id.get(int(key.removeprefix("p")))
        if question is not None:
            data[key if key.startswith("p") else field_name(question)] = value
    return data


def save_draft(survey_round, user, answers, predictions=None):
    """Keep ``answers`` and ``predictions`` for the person to come back to.

    Replaces an earlier draft.
    """
    check_open(survey_round, NOT_OPEN)
    stored = {str(qid): value for qid, value in answers.items()}
    stored.update({f"p{qid}": share for qid, share in (predictions or {}).items()})
    upsert(ResponseDraft, ("round_id", "user_id"), round_id=survey_round.id, user_id=user.id,
           answers=stored, saved_at=utcnow())
    db.session.flush()


def _answer_row(question, value):
    if question.kind == QuestionKind.MULTIPLE:
        return Answer(question_id=question.id, choices=sorted(value))
    if question.kind in (QuestionKind.LIKERT, QuestionKind.SINGLE):
        return Answer(question_id=question.id, number=value)
    return Answer(question_id=question.id, text=value)


def _add_predictions(survey_round, response, predictions):
    """Keep the response's predictions, each about the team its people predict."""
    if not predictions:
        return
    about = about_team(survey_round, response.team_id)
    for question in survey_round.questions:
        if asks_prediction(question, about) and question.id in predictions:
            db.session.add(Prediction(response_id=response.id, question_id=question.id,
                                      about_team_id=about.id,
                                      share=predictions[question.id]))


def submit(survey_round, user, answers, now=None, predictions=None):
    """Store the person's response once; return it, or None if they had already submitted.

    The receipt goes in first: if it already exists the response is not stored, so
    concurrent submissions leave exactly one of each. In an anonymous round neither
    the response nor its ideas name the person, and they carry only the day.
    ``now`` is for loading past rounds (demo data); it defaults to the current time.
    ``predictions`` ({question id: share}) go with the response, like the answers.
    """
    now = now or utcnow()
    # A shared lock: submissions run side by side, but storing the round's tallies at
    # closing (an exclusive lock) waits for them, so no answer is left out of the count.
    db.session.execute(select(SurveyRound.id).where(SurveyRound.id == survey_round.id)
                       .with_for_update(read=True))
    db.session.refresh(survey_round, ["opens_at", "closes_at"])
    check_open(survey_round, NOT_OPEN, now)
    today = now.date()
    if not insert_or_ignore(Receipt, round_id=survey_round.id, user_id=user.id,
                            submitted_on=today):
        return None
    anonymous = survey_round.anonymous
    author_id = None if anonymous else user.id
    # In an anonymous round an idea from the survey carries the round's opening time, so
    # its time cannot be matched with the day on the receipt; it and the response wait
    # to be released with a batch of the team.
    created_at = survey_round.opens_at if anonymous else now
    response = SurveyResponse(round_id=survey_round.id, team_id=user.team_id,
                              respondent_id=author_id, held=anonymous)
    db.session.add(response)
    db.session.flush()  # its id, for the held ideas to wait with it
    for question in survey_round.questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        response.answers.append(_answer_row(question, value))
        if question.kind == QuestionKind.IDEA:
            db.session.add(Idea(round_id=survey_round.id, team_id=user.team_id,
                                author_id=author_id, question_id=question.id, text=value,
                                created_at=created_at, held=anonymous,
                                response_id=response.id if anonymous else None))
    _add_predictions(survey_round, response, predictions)
    db.session.execute(delete(ResponseDraft).where(ResponseDraft.round_id == survey_round.id,
                                                   ResponseDraft.user_id == user.id))
    # Rounds may also close by date; their leftover drafts go at the next submission.
    purge_drafts()
    db.session.flush()
    if anonymous:
        release_batch(survey_round, user.team_id)
    else:  # a named response counts at once
        tallies.add_responses(SurveyResponse.id == response.id)
    return response
