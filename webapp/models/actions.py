"""Action items owned jointly by two teams, their support and history, and spotlight stories."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (JSON, CheckConstraint, Column, Date, Float, ForeignKey, String, Table,
                        Text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.goals import Goal
from webapp.models.ideas import Idea
from webapp.models.people import Team, User
from webapp.models.types import UTCDateTime, utcnow


class ItemStatus(StrEnum):
    """Where an action item is: proposed → approved → in progress → done, or dropped."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self):
        """The status as people read it."""
        return STATUS_LABELS[self]


STATUSES = tuple(status.value for status in ItemStatus)
STATUS_LABELS = {ItemStatus.PROPOSED: "Proposed", ItemStatus.APPROVED: "Approved",
                 ItemStatus.IN_PROGRESS: "In progress", ItemStatus.DONE: "Done",
                 ItemStatus.DROPPED: "Dropped"}
FINISHED = (ItemStatus.DONE, ItemStatus.DROPPED)


class EventKind(StrEnum):
    """What an entry of an item's timeline records."""

    CREATED = "created"
    STATUS = "status"
    UPDATE = "update"


EVENT_KINDS = tuple(kind.value for kind in EventKind)

action_item_idea = Table(
    "action_item_idea",
    db.metadata,
    Column("item_id", ForeignKey("action_item.id", ondelete="CASCADE"), primary_key=True),
    Column("idea_id", ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True),
)


class ActionItem(db.Model):
    """A change both teams own: one owner from each, a measurable outcome, a due date."""

    __tablename__ = "action_item"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES!r}", name="status_known"),
        CheckConstraint("owner_a_id <> owner_b_id", name="two_owners"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_round.id", ondelete="SET NULL"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    success_measure: Mapped[str] = mapped_column(Text)
    owner_a_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    owner_b_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    due_on: Mapped[date] = mapped_column(Date)
    levers: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12), default=ItemStatus.PROPOSED.value)
    drop_reason: Mapped[str | None] = mapped_column(String(500))
    # Smallest support over the owners' two teams, recounted on every (un)support.
    bridging: Mapped[float] = mapped_column(Float, default=0.0)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The shared goal the item works toward, if any.
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goal.id", ondelete="SET NULL"), index=True)

    owner_a: Mapped[User] = relationship(foreign_keys=[owner_a_id])
    owner_b: Mapped[User] = relationship(foreign_keys=[owner_b_id])
    ideas: Mapped[list[Idea]] = relationship(secondary=action_item_idea, order_by=Idea.id)
    events: Mapped[list["ActionEvent"]] = relationship(
        order_by="ActionEvent.id", cascade="all, delete-orphan", passive_deletes=True)
    goal: Mapped[Goal | None] = relationship()

    @property
    def visible_ideas(self):
        """The ideas behind the item that are not hidden."""
        return [idea for idea in self.ideas if not idea.is_hidden]

    @property
    def owners(self):
        """Both owners."""
        return [self.owner_a, self.owner_b]

    @property
    def status_label(self):
        """The status as people read it."""
        return STATUS_LABELS[self.status]

    def is_overdue(self, today=None):
        """True if the due date has passed and the item is not finished."""
        today = today or utcnow().date()
        return self.status not in FINISHED and self.due_on < today


class ActionSupport(db.Model):
    """One person's support for a proposed item; the key makes it one per person."""

    __tablename__ = "action_support"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("action_item.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ActionEvent(db.Model):
    """One entry of an item's timeline: created, a status change, or a progress update."""

    __tablename__ = "action_event"
    __table_args__ = (
        CheckConstraint(f"kind IN {EVENT_KINDS!r}", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("action_item.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str | None] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship()


story_team = Table(
    "story_team",
    db.metadata,
    Column("story_id", ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("team.id", ondelete="CASCADE"), primary_key=True),
)
story_item = Table(
    "story_item",
    db.metadata,
    Column("story_id", ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("action_item.id", ondelete="CASCADE"), primary_key=True),
)


class Story(db.Model):
    """A short spotlight story of a joint win, linked to the action items behind it."""

    __tablename__ = "story"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()
    teams: Mapped[list[Team]] = relationship(secondary=story_team, order_by=Team.name)
    items: Mapped[list[ActionItem]] = relationship(secondary=story_item,
                                                   order_by=ActionItem.id)


class Notification(db.Model):
    """A message in a person's in-app inbox."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(String(300))
    link: Mapped[str] = mapped_column(String(300), default="")
    # What it is about (NotificationKind): each person chooses how to hear of each kind.
    kind: Mapped[str] = mapped_column(String(20), default="general", server_default="general")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When it went out in a weekly digest (for those who chose one).
    digested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
