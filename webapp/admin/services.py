"""People and teams: creating, editing, deactivating, importing."""
import re
from dataclasses import dataclass
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from webapp.auth.services import count_active_admins, end_sessions, normalise_email, set_password
from webapp.errors import ServiceError
from webapp.lifecycle import settle_closed_rounds
from webapp.extensions import db
from webapp.limits import EMAIL_LIMIT
from webapp.models import ROLES, Role, Team, User
from webapp.models.surveys import round_team


@dataclass
class PersonData:
    """What an admin enters about a person."""

    email: str
    name: str
    team_id: int | None
    role: str


# A plain local part: ASCII letters, digits and _ + - between single dots. For such an
# address only the domain is left to judge, once per domain.
_PLAIN_LOCAL_PART = re.compile(r"[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*\Z")


def _is_address(email):
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@lru_cache(maxsize=256)
def _is_mail_domain(domain):
    return _is_address(f"a@{domain}")


def is_email(email):
    """True if ``email`` (normalised) is an email address.

    The verdict is email_validator's; a plain address (the usual company form) has its
    domain checked once and its local part by pattern, so an import of thousands of
    people at one domain takes milliseconds, not seconds.
    """
    local, _at, domain = email.rpartition("@")
    if len(email) <= EMAIL_LIMIT and len(local) <= 64 and _PLAIN_LOCAL_PART.match(local):
        return _is_mail_domain(domain)
    return _is_address(email)


def check_email(email):
    """Return ``email`` normalised, or raise ServiceError if it is not an address."""
    email = normalise_email(email)
    if not is_email(email):
        raise ServiceError(f"{email or 'An empty value'} is not a valid email address.",
                           field="email")
    return email


def check_person(data, person=None):
    """Validate ``data`` for a new person or for ``person``; return the email normalised."""
    email = check_email(data.email)
    if not data.name or not data.name.strip():
        raise ServiceError("Enter a name.", field="name")
    if data.role not in ROLES:
        raise ServiceError(f"Role must be one of {', '.join(ROLES)}.", field="role")
    if data.team_id is None and data.role == Role.MEMBER:
        raise ServiceError("A member belongs to a team.", field="team_id")
    if data.team_id is not None and db.session.get(Team, data.team_id) is None:
        raise ServiceError("That team does not exist.", field="team_id")
    clash = db.session.scalar(select(User).where(User.email == email))
    if clash is not None and clash is not person:
        raise ServiceError(f"{email} already belongs to {clash.name}.", field="email")
    return email


def _check_keeps_an_admin(person, new_role=None, deactivate=False):
    """Refuse a change that would leave no active admin."""
    loses_admin = person.active and person.role == Role.ADMIN and (
        deactivate or (new_role is not None and new_role != Role.ADMIN)
    )
    if loses_admin and count_active_admins() <= 1:
        raise ServiceError("At least one active admin must remain.", field="role")


def create_person(data, password=None):
    """Create a person from ``data``; without a password they cannot sign in yet."""
    email = check_person(data)
    settle_closed_rounds()  # before the audience changes
    person = User(email=email, name=data.name.strip(), team_id=data.team_id, role=data.role)
    db.session.add(person)
    if password:
        set_password(person, password)
    db.session.flush()
    return person


def update_person(person, data, password=None):
    """Change ``person`` to match ``data``; a new password ends their sessions."""
    email = check_person(data, person)
    _check_keeps_an_admin(person, new_role=data.role)
    settle_closed_rounds()  # before the audience changes
    person.email = email
    person.name = data.name.strip()
    person.team_id = data.team_id
    person.role = data.role
    if password:
        set_password(person, password)
    db.session.flush()
    return person


def set_active(person, active, acting_user):
    """Deactivate or reactivate ``person``; deactivating ends their sessions."""
    if person.active == active:
        return person
    if not active:
        if person.id == acting_user.id:
            raise ServiceError("You cannot deactivate your own account.")
        _check_keeps_an_admin(person, deactivate=True)
        end_sessions(person)
    settle_closed_rounds()  # before the audience changes
    person.active = active
    db.session.flush()
    return person


def sign_out_everywhere(person):
    """End every session of ``person``; they can sign in again."""
    end_sessions(person)
    return person


def list_people(query="", team_id=None, status="active"):
    """Return a select of people matching a search, a team and a status, by name."""
    statement = (select(User).options(joinedload(User.team))
                 .order_by(func.lower(User.name), User.id))
    if query:
        pattern = f"%{query.strip().lower()}%"
        statement = statement.where(or_(func.lower(User.name).like(pattern),
                                        User.email.like(pattern)))
    if team_id:
        statement = statement.where(User.team_id == team_id)
    if status in ("active", "deactivated"):
        statement = statement.where(User.active.is_(status == "active"))
    return statement


def people_page(query, team_id, status, page, per_page):
    """Return one page of :func:`list_people`."""
    return db.paginate(list_people(query, team_id, status), page=page, per_page=per_page,
                       error_out=False)


def get_person(person_id):
    """Return the person with this id, or None."""
    return db.session.get(User, person_id)


def get_team(team_id):
    """Return the team with this id, or None."""
    return db.session.get(Team, team_id)


def all_teams():
    """Return every team, by name."""
    return db.session.scalars(select(Team).order_by(Team.name)).all()


def teams_with_headcounts():
    """Return (team, active people, all people) for every team, by name."""
    active = func.count(User.id).filter(User.active.is_(True))
    rows = db.session.execute(
        select(Team, active, func.count(User.id))
        .outerjoin(User, User.team_id == Team.id)
        .group_by(Team.id)
        .order_by(Team.name)
    )
    return [tuple(row) for row in rows]


def _check_team_name(name, team=None):
    name = (name or "").strip()
    if not name:
        raise ServiceError("Enter a team name.", field="name")
    clash = db.session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))
    if clash is not None and clash is not team:
        raise ServiceError(f"There is already a team called {clash.name}.", field="name")
    return name


def create_team(name, description=""):
    """Create a team; names are unique regardless of case."""
    team = Team(name=_check_team_name(name), description=(description or "").strip())
    db.session.add(team)
    db.session.flush()
    return team


def update_team(team, name, description=""):
    """Rename ``team`` or change its description."""
    team.name = _check_team_name(name, team)
    team.description = (description or "").strip()
    db.session.flush()
    return team


def delete_team(team):
    """Delete ``team`` if nobody belongs to it."""
    members = db.session.scalar(select(func.count()).where(User.team_id == team.id))
    if members:
        raise ServiceError(f"{team.name} still has {members} people; move them first.")
    if db.session.scalar(select(exists().where(round_team.c.team_id == team.id))):
        # A closed round's record would lose a row.
        raise ServiceError(f"{team.name} was asked in a survey round, so it is kept; "
                           "rename it instead.")
    try:
        with db.session.begin_nested():
            db.session.delete(team)
    except IntegrityError:
        raise ServiceError(f"{team.name} has survey answers, ideas or votes on record, so "
                           "it is kept; rename it instead.") from None
