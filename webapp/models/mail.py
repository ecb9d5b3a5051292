"""Mail waiting to be sent, and the round mails each person has been sent.

A mail is written to the outbox in the transaction of the action that caused it, so it
is sent if and only if the action was saved; a background job sends it later.
"""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow


class MailStatus(StrEnum):
    """Where an outbox mail is: waiting, claimed by a sender, sent, or given up on."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


MAIL_STATES = tuple(status.value for status in MailStatus)


class MailKind(StrEnum):
    """Why a mail was sent."""

    INVITATION = "invitation"
    PASSWORD = "password"
    ROUND_OPEN = "round_open"
    REMINDER = "reminder"
    NOTIFICATION = "notification"
    DIGEST = "digest"


MAIL_KINDS = tuple(kind.value for kind in MailKind)


class BatchStatus(StrEnum):
    """Whether an import's invitations are still to be written, or written."""

    WAITING = "waiting"
    DONE = "done"


BATCH_STATES = tuple(status.value for status in BatchStatus)


class OutboxMail(db.Model):
    """One mail to one address: its parts, and how sending it has gone so far.

    The parts are cleared once the mail is sent, so that no link it carried is kept.
    """

    __tablename__ = "mail_outbox"
    __table_args__ = (
        CheckConstraint(f"status IN {MAIL_STATES!r}", name="status_known"),
        CheckConstraint(f"kind IN {MAIL_KINDS!r}", name="kind_known"),
        Index("ix_mail_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text, default="")
    html_body: Mapped[str] = mapped_column(Text, default="")
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default=MailStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RoundMail(db.Model):
    """That a person was sent a round's invitation, or one of its reminders.

    One row per (round, person, slot): the unique key is what stops two senders running
    at once from mailing anyone twice. It says nothing of what anyone answered.
    """

    __tablename__ = "round_mail"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True)
    # "open" for the invitation, "d3" for the reminder three days before closing.
    slot: Mapped[str] = mapped_column(String(10), primary_key=True)


class InvitationBatch(db.Model):
    """The invitations of one import, written by a background job after the import.

    ``emails`` are the addresses of the file, until the job has invited them; then
    ``invited`` holds [name, email] of each person invited and ``skipped`` [name, email,
    reason] of each who was not. No password link is kept.
    """

    __tablename__ = "invitation_batch"
    __table_args__ = (CheckConstraint(f"status IN {BATCH_STATES!r}", name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    inviter_name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(10), default=BatchStatus.WAITING.value)
    emails: Mapped[list] = mapped_column(JSON, default=list)
    invited: Mapped[list] = mapped_column(JSON, default=list)
    skipped: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
