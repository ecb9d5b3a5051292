"""Signed comments on ideas and action items, one level of replies, and their moderation."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.people import Team, User
from webapp.models.types import UTCDateTime, utcnow


class Comment(db.Model):
    """A comment on an idea or an action item (exactly one), signed with name and team.

    ``parent_id`` makes it a reply; replies have no replies. ``team_id`` is the author's
    team when they wrote it, so a later team change does not rewrite the thread.
    ``version`` grows with every change, so a stale edit is refused, never applied.
    A deleted comment keeps its place (its text is cleared); a hidden one is kept whole.
    """

    __tablename__ = "comment"
    __table_args__ = (
        CheckConstraint("(idea_id IS NULL) <> (item_id IS NULL)", name="one_subject"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        Index("ix_comment_idea_created", "idea_id", "created_at"),
        Index("ix_comment_item_created", "item_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_item.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_reason: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    author: Mapped[User | None] = relationship()
    team: Mapped[Team | None] = relationship()

    @property
    def is_deleted(self):
        """True once its author removed it."""
        return self.deleted_at is not None

    @property
    def is_hidden(self):
        """True while a leader has hidden it."""
        return self.hidden_at is not None


class CommentAction(StrEnum):
    """What a leader did to a comment."""

    HIDE = "hide"
    UNHIDE = "unhide"


COMMENT_ACTIONS = tuple(action.value for action in CommentAction)


class CommentModeration(db.Model):
    """A record of a hide or unhide of a comment: who did it, when, and why."""

    __tablename__ = "comment_moderation"
    __table_args__ = (
        CheckConstraint(f"action IN {COMMENT_ACTIONS!r}", name="action_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship()
