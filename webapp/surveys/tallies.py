"""Likert tallies kept as answers come to count: one row per round, item, team and value.

A response counts in figures once released (see ``SurveyResponse.held``). Its Likert
answers are added to the tallies in the transaction that releases it: at submission in
a named round, with a batch of its team in an anonymous one, at closing for the rest.
So a report reads a few rows instead of counting every answer, and the tallies never
hold an answer that is not released yet.
"""
from sqlalchemy import delete, func, select

from webapp.database import insert_from_select_adding
from webapp.extensions import db
from webapp.models import (Answer, LikertTally, PerceptionTally, Prediction, Question,
                           QuestionKind, SurveyResponse)

_KEYS = ("round_id", "question_id", "team_id", "value")
_PREDICTION_KEYS = ("round_id", "question_id", "team_id", "about_team_id", "value")


def _answer_counts(responses):
    """Count the Likert answers of ``responses`` (a condition) per round, item, team, value.

    In key order, so concurrent additions on PostgreSQL lock the rows they share in the
    same order and cannot deadlock.
    """
    keys = (SurveyResponse.round_id, Answer.question_id, SurveyResponse.team_id, Answer.number)
    return (select(*keys, func.count())
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .join(Question, Question.id == Answer.question_id)
            .where(responses, Question.kind == QuestionKind.LIKERT, Answer.number.is_not(None))
            .group_by(*keys).order_by(*keys))


def _prediction_counts(responses):
    """Count the predictions of ``responses`` per round, item, team, team predicted, share."""
    keys = (SurveyResponse.round_id, Prediction.question_id, SurveyResponse.team_id,
            Prediction.about_team_id, Prediction.share)
    return (select(*keys, func.count())
            .join(SurveyResponse, SurveyResponse.id == Prediction.response_id)
            .where(responses).group_by(*keys).order_by(*keys))


def add_responses(responses):
    """Add the Likert answers and predictions of ``responses`` (a condition) to the tallies.

    One statement each. Call it in the transaction that makes them count, once for
    each response.
    """
    db.session.execute(insert_from_select_adding(
        LikertTally, _KEYS, "count", _answer_counts(responses)))
    db.session.execute(insert_from_select_adding(
        PerceptionTally, _PREDICTION_KEYS, "count", _prediction_counts(responses)))


def recount(round_id):
    """Count the round's released answers again from scratch (after loading data in bulk)."""
    db.session.execute(delete(LikertTally).where(LikertTally.round_id == round_id))
    db.session.execute(delete(PerceptionTally).where(PerceptionTally.round_id == round_id))
    add_responses((SurveyResponse.round_id == round_id) & SurveyResponse.held.is_(False))
