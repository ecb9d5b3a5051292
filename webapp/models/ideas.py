"""Ideas in a round's pool, the votes on them, and their moderation."""
import secrets
from datetime import datetime
from enum import IntEnum, StrEnum

from sqlalchemy import (CheckConstraint, Float, ForeignKey, Index, SmallInteger, String, Text,
                        false, select)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.people import Team, User
from webapp.models.types import UTCDateTime, utcnow


# Idea numbers are drawn at random below this (they fit a 32-bit integer column).
IDEA_ID_SPACE = 2**31 - 1


def _random_idea_id(context):
    """A random idea number not taken yet.

    Numbers in posting order would tell which anonymous survey ideas came just before
    a person's signed idea. Rows inserted by one statement are kept apart too.
    """
    taken = context.__dict__.setdefault("_idea_ids", set())
    table = context.compiled.statement.table
    while True:
        candidate = secrets.randbelow(IDEA_ID_SPACE - 1) + 1
        if candidate in taken:
            continue
        if context.connection.execute(
                select(table.c.id).where(table.c.id == candidate)).first() is None:
            taken.add(candidate)
            return candidate


class Idea(db.Model):
    """An idea in a round's pool, tagged with its author's team.

    ``author_id`` is empty for ideas from an anonymous round's survey answers; the
    author's name is shown only when ``credited``. The three scores are derived from
    the votes (recounted after every vote) so the board can sort by them with an index.
    """

    __tablename__ = "idea"
    __table_args__ = (
        Index("ix_idea_round_bridging", "round_id", "bridging"),
        Index("ix_idea_round_support", "round_id", "support"),
        Index("ix_idea_round_divisiveness", "round_id", "divisiveness"),
        Index("ix_idea_round_created", "round_id", "created_at"),
        CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id", name="not_self_merged"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                    default=_random_idea_id)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"), index=True)
    # A survey idea of an anonymous round waits, held, until enough of its team have
    # answered since the last batch (or the round closes), so that its arrival on the
    # board cannot be matched with one person's submission.
    held: Mapped[bool] = mapped_column(default=False, server_default=false())
    # While held, the response it came with, so that both are released together; cleared
    # on release.
    response_id: Mapped[str | None] = mapped_column(
        ForeignKey("survey_response.id", ondelete="SET NULL"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    credited: Mapped[bool] = mapped_column(default=False)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_question.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Wilson lower bound of agreement over everyone, the smallest team support, and the
    # largest difference between team supports.
    support: Mapped[float] = mapped_column(Float, default=0.0)
    bridging: Mapped[float] = mapped_column(Float, default=0.0)
    divisiveness: Mapped[float] = mapped_column(Float, default=0.0)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_reason: Mapped[str | None] = mapped_column(String(300))
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="SET NULL"), index=True)

    team: Mapped[Team] = relationship()
    author: Mapped[User | None] = relationship()

    @property
    def is_hidden(self):
        """True while a leader has hidden the idea."""
        return self.hidden_at is not None


class Vote(IntEnum):
    """A person's stance on an idea."""

    DISAGREE = -1
    PASS = 0
    AGREE = 1


class IdeaVote(db.Model):
    """One person's vote on one idea; the primary key makes it one vote per person."""

    __tablename__ = "idea_vote"
    __table_args__ = (CheckConstraint("value IN (-1, 0, 1)", name="value_known"),)

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True)
    # The voter's team when they voted, so support per team does not move when
    # someone changes team later.
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    value: Mapped[int] = mapped_column(SmallInteger)
    voted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ModerationAction(StrEnum):
    """What a leader did to an idea."""

    MERGE = "merge"
    HIDE = "hide"
    UNHIDE = "unhide"


MODERATION_ACTIONS = tuple(action.value for action in ModerationAction)


class IdeaModeration(db.Model):
    """A record of a merge, hide or unhide: who did it, when, and why."""

    __tablename__ = "idea_moderation"
    __table_args__ = (
        CheckConstraint(f"action IN {MODERATION_ACTIONS!r}", name="action_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship()
