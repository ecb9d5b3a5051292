"""Survey rounds, their questions, and the responses to them.

Anonymity is built into the schema: in an anonymous round a response row holds the
respondent's team but no person, has a random id and no time at all; the receipt that
records participation holds the person and the day, but nothing they answered.
"""
import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (JSON, CheckConstraint, Column, Date, ForeignKey, String, Table, Text,
                        false, true)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.people import Team
from webapp.models.types import UTCDateTime, utcnow


class Lever(StrEnum):
    """The six levers that get sales and marketing working together."""

    SHARE_VISION = "share_vision"
    UNIFY_GOAL = "unify_goal"
    FORCE_COMMUNICATION = "force_communication"
    REWARD_BEHAVIOUR = "reward_behaviour"
    SHINE_SPOTLIGHT = "shine_spotlight"
    GET_IDEAS = "get_ideas"

    @property
    def label(self):
        """The lever's name as people read it."""
        return LEVER_LABELS[self]


LEVER_LABELS = {
    Lever.SHARE_VISION: "Share the vision",
    Lever.UNIFY_GOAL: "Unify the goal",
    Lever.FORCE_COMMUNICATION: "Force communication",
    Lever.REWARD_BEHAVIOUR: "Reward the right behaviour",
    Lever.SHINE_SPOTLIGHT: "Shine the spotlight",
    Lever.GET_IDEAS: "Get their ideas",
}
LEVERS = tuple(lever.value for lever in Lever)


class QuestionKind(StrEnum):
    """What kind of answer a question takes."""

    LIKERT = "likert"
    SINGLE = "single"
    MULTIPLE = "multiple"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    IDEA = "idea"

    @property
    def label(self):
        """The kind's name as people read it."""
        return KIND_LABELS[self]


KIND_LABELS = {
    QuestionKind.LIKERT: "Agreement scale (1–5)",
    QuestionKind.SINGLE: "Single choice",
    QuestionKind.MULTIPLE: "Multiple choice",
    QuestionKind.SHORT_TEXT: "Short text",
    QuestionKind.LONG_TEXT: "Long text",
    QuestionKind.IDEA: "Idea (goes to the idea pool)",
}
KINDS = tuple(kind.value for kind in QuestionKind)
CHOICE_KINDS = (QuestionKind.SINGLE.value, QuestionKind.MULTIPLE.value)
LIKERT_LABELS = {1: "Strongly disagree", 2: "Disagree", 3: "Neither", 4: "Agree",
                 5: "Strongly agree"}


class RoundStatus(StrEnum):
    """Where a round is in its life."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


round_team = Table(
    "survey_round_team",
    db.metadata,
    Column("round_id", ForeignKey("survey_round.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("team.id", ondelete="CASCADE"), primary_key=True),
)


class SurveyRound(db.Model):
    """One survey round: a vision, questions, an audience of teams, and a time it is open.

    Its status follows from two times: it opens at ``opens_at`` and closes at
    ``closes_at``; opening or closing by hand sets them to now.
    """

    __tablename__ = "survey_round"
    __table_args__ = (
        CheckConstraint("closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at",
                        name="closes_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    vision: Mapped[str] = mapped_column(Text, default="")
    anonymous: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Once closed, the round report is shown to everyone, not only leaders.
    report_shared: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When the Likert tallies of the closed round were stored (see LikertTally).
    tallied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Days before closing on which those who have not answered are reminded, e.g. "3,1".
    reminder_days: Mapped[str] = mapped_column(String(40), default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    teams: Mapped[list[Team]] = relationship(secondary=round_team, order_by=Team.name)
    questions: Mapped[list["Question"]] = relationship(
        back_populates="round", order_by="Question.position",
        cascade="all, delete-orphan", passive_deletes=True)

    def status_at(self, now):
        """Return the round's status at ``now``."""
        if self.closes_at is not None and self.closes_at <= now:
            return RoundStatus.CLOSED
        if self.opens_at is None:
            return RoundStatus.DRAFT
        if self.opens_at > now:
            return RoundStatus.SCHEDULED
        return RoundStatus.OPEN

    @property
    def record_ends_at(self):
        """Until when the round's report counts what people did: its closing, or now.

        A closed round is a fixed record: comments, meetings and goals that came after
        its closing do not change its report.
        """
        now = utcnow()
        return self.closes_at if self.closes_at is not None and self.closes_at <= now else now

    @property
    def status(self):
        """The round's status now."""
        return self.status_at(utcnow())

    @property
    def is_open(self):
        """True while people can answer."""
        return self.status == RoundStatus.OPEN

    @property
    def has_started(self):
        """True once the round has opened (it may have closed since)."""
        return self.status in (RoundStatus.OPEN, RoundStatus.CLOSED)

    def __repr__(self):
        return f"<SurveyRound {self.title!r}>"


class Question(db.Model):
    """A question of a round, optionally tagged with the lever it measures."""

    __tablename__ = "survey_question"
    __table_args__ = (
        CheckConstraint(f"kind IN {KINDS!r}", name="kind_known"),
        CheckConstraint(f"lever IS NULL OR lever IN {LEVERS!r}", name="lever_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(500))
    help: Mapped[str] = mapped_column(String(500), default="")
    lever: Mapped[str | None] = mapped_column(String(30))
    required: Mapped[bool] = mapped_column(default=False)
    # Choice labels for single and multiple choice; answers store their indexes.
    options: Mapped[list] = mapped_column(JSON, default=list)
    # A Likert item that also asks each team to predict the other team's answer.
    perception: Mapped[bool] = mapped_column(default=False, server_default=false())

    round: Mapped[SurveyRound] = relationship(back_populates="questions")

    @property
    def lever_label(self):
        """The lever's readable name, or an empty string."""
        return LEVER_LABELS[Lever(self.lever)] if self.lever else ""

    @property
    def kind_label(self):
        """The kind's readable name."""
        return KIND_LABELS[QuestionKind(self.kind)]


def _random_id():
    return uuid.uuid4().hex


# SQLite gives ordinary tables a hidden rowid in insertion order, which would let the
# order of receipts be matched with the order of responses; these tables have none.
NO_INSERTION_ORDER = {"sqlite_with_rowid": False}


class SurveyResponse(db.Model):
    """A submitted response; ``respondent_id`` is empty in an anonymous round.

    It holds no time at all: the receipt keeps the day, and a response carrying one
    too could be matched with the receipts of that day.
    """

    __tablename__ = "survey_response"
    __table_args__ = (NO_INSERTION_ORDER,)

    # Random, so the order of responses cannot be matched with anything else.
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_random_id)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"), index=True)
    respondent_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    # In an anonymous round a response counts in figures only once released with a batch
    # of its team (see Idea.held), or when the round has closed.
    held: Mapped[bool] = mapped_column(default=False, server_default=false())

    answers: Mapped[list["Answer"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True)


class Answer(db.Model):
    """One answer of a response: a number (likert, single choice), choices or text."""

    __tablename__ = "survey_answer"
    __table_args__ = (NO_INSERTION_ORDER,)

    response_id: Mapped[str] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), primary_key=True, index=True)
    number: Mapped[int | None]
    choices: Mapped[list | None] = mapped_column(JSON)
    text: Mapped[str | None] = mapped_column(Text)


class Receipt(db.Model):
    """That a person took part in a round, and on which day; nothing of what they said."""

    __tablename__ = "survey_receipt"
    __table_args__ = (NO_INSERTION_ORDER,)

    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True)
    submitted_on: Mapped[date] = mapped_column(Date)


class ResponseDraft(db.Model):
    """Answers saved but not submitted; they belong to the person until they submit."""

    __tablename__ = "survey_draft"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class LikertTally(db.Model):
    """How many of a team gave each answer to a Likert item of a closed round.

    Written once, by one GROUP BY in the database, when the round has closed and its
    answers can no longer change; reports then read these few rows instead of counting
    every answer again.
    """

    __tablename__ = "likert_tally"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"),
                                         primary_key=True)
    value: Mapped[int] = mapped_column(primary_key=True)
    count: Mapped[int]


class RoundAudience(db.Model):
    """How many active people each team had when the round closed.

    A closed round is a fixed record: its participation reads these rows, so people
    added, moved or deactivated later do not change it.
    """

    __tablename__ = "round_audience"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"),
                                         primary_key=True)
    people: Mapped[int]
