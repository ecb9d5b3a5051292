"""Recognition across teams, and the consent of both people to a spotlight story of it."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.actions import ActionItem, Story
from webapp.models.people import Team, User
from webapp.models.types import UTCDateTime, utcnow


class Consent(StrEnum):
    """A person's answer to a leader who asks to spotlight their recognition."""

    YES = "yes"
    NO = "no"


CONSENTS = tuple(answer.value for answer in Consent)


class Recognition(db.Model):
    """One person thanks a colleague in another team for a piece of collaboration.

    Both teams are kept as they were when it was given: a person who moves later does
    not move the recognitions they gave or received.
    """

    __tablename__ = "recognition"
    __table_args__ = (
        CheckConstraint("giver_id <> recipient_id", name="not_oneself"),
        CheckConstraint("giver_team_id <> recipient_team_id", name="across_teams"),
        Index("ix_recognition_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    giver_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="RESTRICT"), index=True)
    giver_team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="RESTRICT"), index=True)
    recipient_team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    text: Mapped[str] = mapped_column(Text)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_item.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    giver: Mapped[User] = relationship(foreign_keys=[giver_id])
    giver_team: Mapped[Team] = relationship(foreign_keys=[giver_team_id])
    recipient: Mapped[User] = relationship(foreign_keys=[recipient_id])
    recipient_team: Mapped[Team] = relationship(foreign_keys=[recipient_team_id])
    item: Mapped[ActionItem | None] = relationship()
    spotlight: Mapped["RecognitionSpotlight | None"] = relationship(
        back_populates="recognition", uselist=False)


class RecognitionSpotlight(db.Model):
    """A leader's draft story of a recognition, published once both people say yes.

    Each answer is kept with its time; an answer may change until the story is out.
    """

    __tablename__ = "recognition_spotlight"
    __table_args__ = (
        CheckConstraint(f"giver_consent IN {CONSENTS!r}", name="giver_consent_known"),
        CheckConstraint(f"recipient_consent IN {CONSENTS!r}", name="recipient_consent_known"),
    )

    recognition_id: Mapped[int] = mapped_column(
        ForeignKey("recognition.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    giver_consent: Mapped[str | None] = mapped_column(String(3))
    giver_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recipient_consent: Mapped[str | None] = mapped_column(String(3))
    recipient_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("story.id", ondelete="SET NULL"), unique=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    recognition: Mapped[Recognition] = relationship(back_populates="spotlight")
    requested_by: Mapped[User | None] = relationship()
    story: Mapped[Story | None] = relationship()

    @property
    def both_agreed(self):
        """True when the giver and the recognised person both said yes."""
        return self.giver_consent == Consent.YES and self.recipient_consent == Consent.YES
