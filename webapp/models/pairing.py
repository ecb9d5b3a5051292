"""Cross-team shadowing: pairing cycles, their groups, opt-outs and what people learned."""
from datetime import date, datetime

from sqlalchemy import (CheckConstraint, Date, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint, false)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.people import Team, User
from webapp.models.types import UTCDateTime, utcnow


class PairingCycle(db.Model):
    """A pairing cycle between two teams, from one day to another.

    Its groups are drawn once, on the first day (``paired_at``). ``open_slot`` is 1 until
    the cycle has ended and None after: the unique key on the two teams and it lets only
    one cycle of a pair of teams be open at a time, whoever starts one at the same moment.
    """

    __tablename__ = "pairing_cycle"
    __table_args__ = (
        CheckConstraint("team_a_id < team_b_id", name="teams_ordered"),
        CheckConstraint("starts_on <= ends_on", name="dates_ordered"),
        UniqueConstraint("team_a_id", "team_b_id", "open_slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date())
    ends_on: Mapped[date] = mapped_column(Date())
    team_a_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    team_b_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"),
                                           index=True)
    open_slot: Mapped[int | None] = mapped_column(Integer())
    seed: Mapped[int] = mapped_column(Integer())
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    paired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    team_a: Mapped[Team] = relationship(foreign_keys=[team_a_id])
    team_b: Mapped[Team] = relationship(foreign_keys=[team_b_id])

    @property
    def teams(self):
        """The two teams, in the order they were made."""
        return [self.team_a, self.team_b]


class PairingGroup(db.Model):
    """A pair (or trio) of a cycle, with the format suggested to it and whether it met."""

    __tablename__ = "pairing_group"
    __table_args__ = (UniqueConstraint("cycle_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("pairing_cycle.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer())
    suggestion: Mapped[str] = mapped_column(String(200))
    # Set when a member says "we met", or logs what they learned.
    met_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    members: Mapped[list["PairingMember"]] = relationship(
        back_populates="group", order_by="PairingMember.team_id, PairingMember.user_id")


class PairingMember(db.Model):
    """A person drawn into a group of a cycle; once per cycle."""

    __tablename__ = "pairing_member"

    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("pairing_cycle.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("pairing_group.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))

    group: Mapped[PairingGroup] = relationship(back_populates="members")
    person: Mapped[User] = relationship()
    team: Mapped[Team] = relationship()


class PairingOptOut(db.Model):
    """A person who sits out one cycle (chosen before its groups were drawn)."""

    __tablename__ = "pairing_opt_out"

    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("pairing_cycle.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PairingSkip(db.Model):
    """A person who sits out the next cycle to be drawn, whichever it is."""

    __tablename__ = "pairing_skip"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PairingLearning(db.Model):
    """What one person learned in a cycle; shown in the feed only if they share it."""

    __tablename__ = "pairing_learning"
    __table_args__ = (
        UniqueConstraint("cycle_id", "user_id"),
        Index("ix_pairing_learning_shared_feed", "shared", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("pairing_cycle.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text())
    shared: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    cycle: Mapped[PairingCycle] = relationship()
    person: Mapped[User] = relationship()
