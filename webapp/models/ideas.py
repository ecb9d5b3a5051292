"""Ideas in a round's pool."""
from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.people import Team, User
from webapp.models.types import UTCDateTime, utcnow


class Idea(db.Model):
    """An idea in a round's pool, tagged with its author's team.

    ``author_id`` is empty for ideas from an anonymous round's survey answers.
    """

    __tablename__ = "idea"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"), index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_question.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    team: Mapped[Team] = relationship()
    author: Mapped[User | None] = relationship()
