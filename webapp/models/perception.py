"""Perception items: each team's prediction of how the other team will answer.

A prediction belongs to a response, exactly as an answer does: in an anonymous round it
carries the respondent's team through the response, never the person.
"""
from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.surveys import NO_INSERTION_ORDER

PREDICTION_MIN, PREDICTION_MAX = 0, 100


class Prediction(db.Model):
    """The share (0–100) of ``about_team`` that a respondent expects to be favourable."""

    __tablename__ = "survey_prediction"
    __table_args__ = (
        CheckConstraint(f"share BETWEEN {PREDICTION_MIN} AND {PREDICTION_MAX}",
                        name="share_in_range"),
        NO_INSERTION_ORDER,
    )

    response_id: Mapped[str] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), primary_key=True, index=True)
    about_team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    share: Mapped[int]


class PerceptionTally(db.Model):
    """How many of a team predicted each share of another team on an item.

    Kept as responses are released, like :class:`~webapp.models.LikertTally`, so a
    report reads these rows instead of every prediction.
    """

    __tablename__ = "perception_tally"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"),
                                         primary_key=True)
    about_team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"),
                                               primary_key=True)
    value: Mapped[int] = mapped_column(primary_key=True)
    count: Mapped[int]
