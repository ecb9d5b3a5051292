"""Shared goals: one metric and target both teams are measured on, and its check-ins."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.limits import METRIC_LIMIT, TITLE_LIMIT, UNIT_LIMIT
from webapp.models.people import Team, User
from webapp.models.types import UTCDateTime, utcnow


class Goal(db.Model):
    """A goal two teams share: a metric, a target over a period, an owner from each team.

    The teams are recorded when the goal is set, so the pair stays what it was even if
    an owner later moves team.
    """

    __tablename__ = "goal"
    __table_args__ = (
        CheckConstraint("ends_on > starts_on", name="period_forward"),
        CheckConstraint("owner_a_id <> owner_b_id", name="two_owners"),
        CheckConstraint("team_a_id <> team_b_id", name="two_teams"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_LIMIT))
    metric: Mapped[str] = mapped_column(String(METRIC_LIMIT))
    unit: Mapped[str] = mapped_column(String(UNIT_LIMIT))
    start_value: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float] = mapped_column(Float)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    team_a_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    team_b_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    owner_a_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    owner_b_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    team_a: Mapped[Team] = relationship(foreign_keys=[team_a_id])
    team_b: Mapped[Team] = relationship(foreign_keys=[team_b_id])
    owner_a: Mapped[User] = relationship(foreign_keys=[owner_a_id])
    owner_b: Mapped[User] = relationship(foreign_keys=[owner_b_id])
    check_ins: Mapped[list["GoalCheckIn"]] = relationship(
        order_by=lambda: (GoalCheckIn.on_date, GoalCheckIn.id), cascade="all, delete-orphan",
        passive_deletes=True)

    @property
    def owners(self):
        """Both owners."""
        return [self.owner_a, self.owner_b]


class GoalCheckIn(db.Model):
    """One measured value of a goal, dated, with a note; never changed once posted.

    A correction is a new check-in: for each day the one posted last counts, and the
    earlier ones stay in the history.
    """

    __tablename__ = "goal_check_in"
    __table_args__ = (
        Index("ix_goal_check_in_goal_day", "goal_id", "on_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"))
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    on_date: Mapped[date] = mapped_column(Date)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()
