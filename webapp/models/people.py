"""People and the teams they belong to."""
import secrets
from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow


def new_login_token():
    """Return a fresh random token that identifies one generation of sessions."""
    return secrets.token_hex(16)


class Role(StrEnum):
    """What a person may do: members take part, leaders run rounds, admins manage people."""

    MEMBER = "member"
    LEADER = "leader"
    ADMIN = "admin"


ROLES = tuple(role.value for role in Role)
_RANK = {Role.MEMBER: 0, Role.LEADER: 1, Role.ADMIN: 2}


class Team(db.Model):
    """A team people belong to, such as Sales or Marketing."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    members: Mapped[list["User"]] = relationship(back_populates="team")

    def __repr__(self):
        return f"<Team {self.name!r}>"


class User(UserMixin, db.Model):
    """A person who signs in: staff member, leader or admin."""

    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES!r}", name="role_known"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("team.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str] = mapped_column(String(10), default=Role.MEMBER.value)
    # None until a password is set: such a person cannot sign in yet.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Part of the session id: changing it ends every existing session of this person.
    login_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_login_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Off once the person unsubscribes: no round invitations or reminders by mail.
    round_mails: Mapped[bool] = mapped_column(default=True, server_default=true())

    team: Mapped[Team | None] = relationship(back_populates="members")

    @property
    def is_active(self):
        """Deactivated people cannot sign in and their sessions stop working."""
        return self.active

    def get_id(self):
        """Return the session id: the login token, so that rotating it ends old sessions."""
        return self.login_token

    def has_role(self, role):
        """Return True if this person's role is ``role`` or above it."""
        return _RANK[Role(self.role)] >= _RANK[Role(role)]

    @property
    def is_leader(self):
        """True for leaders and admins."""
        return self.has_role(Role.LEADER)

    @property
    def is_admin(self):
        """True for admins."""
        return self.has_role(Role.ADMIN)

    def __repr__(self):
        return f"<User {self.email!r}>"
