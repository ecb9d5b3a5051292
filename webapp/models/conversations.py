"""Conversations on free-text survey answers: a leader replies, the respondent answers back.

Nothing here names the respondent of an anonymous round. A conversation belongs to one
answer and has a random number; the key that lets the respondent back in is kept only
as a digest, beside the response (never the person); messages carry the day they were
written, not the time. None of these tables keeps an insertion order (see
NO_INSERTION_ORDER).
"""
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.ideas import _random_idea_id
from webapp.models.people import User
from webapp.models.surveys import NO_INSERTION_ORDER, Question, SurveyResponse


class ConversationAccess(db.Model):
    """The digest of the key that opens a response's conversations to its respondent."""

    __tablename__ = "conversation_access"
    __table_args__ = (NO_INSERTION_ORDER,)

    response_id: Mapped[str] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), primary_key=True)
    # SHA-256 of the key, hex: the key itself is shown once and kept by the browser.
    key_digest: Mapped[str] = mapped_column(String(64), unique=True)


class Conversation(db.Model):
    """The thread on one free-text answer; its number is drawn at random."""

    __tablename__ = "conversation"
    __table_args__ = (UniqueConstraint("response_id", "question_id"), NO_INSERTION_ORDER)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                    default=_random_idea_id)
    response_id: Mapped[str] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), index=True)

    response: Mapped[SurveyResponse] = relationship()
    question: Mapped[Question] = relationship()
    messages: Mapped[list["ConversationMessage"]] = relationship(
        order_by="ConversationMessage.position", cascade="all, delete-orphan",
        passive_deletes=True)


class ConversationMessage(db.Model):
    """One message of a thread: a leader's (named) or the respondent's (never named).

    ``position`` orders the thread; the conversation's row is locked while the next one
    is taken, and the key makes two messages at one position impossible.
    """

    __tablename__ = "conversation_message"
    __table_args__ = (NO_INSERTION_ORDER,)

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    # The leader who wrote it; empty for the respondent (and for a leader since deleted).
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    from_respondent: Mapped[bool] = mapped_column(default=False)
    # Set when a leader acknowledged with one of the ready answers.
    acknowledgement: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    # The day only, as on receipts: a time could be matched with other records.
    written_on: Mapped[date] = mapped_column(Date)

    author: Mapped[User | None] = relationship()
