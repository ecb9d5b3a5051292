"""Small factories for models."""
import itertools

from sqlalchemy import select

from webapp.auth.services import hash_password
from webapp.extensions import db
from webapp.models import Team, User

PASSWORD = "correct horse"
_counter = itertools.count(1)


def _detached(instance):
    """Load ``instance`` fully and detach it, so it stays readable outside the context."""
    db.session.refresh(instance)
    db.session.expunge(instance)
    return instance


def get_team(name):
    """Return the team called ``name``, creating it if needed."""
    found = db.session.scalar(select(Team).where(Team.name == name))
    if found is None:
        found = Team(name=name, description="")
        db.session.add(found)
        db.session.commit()
    return _detached(found)


def make_user(role="member", team="Sales", name=None, email=None, password=PASSWORD,
              active=True):
    """Create and commit a person; ``team`` is a team name or None.

    The person comes back loaded and detached, usable after the app context ends.
    """
    number = next(_counter)
    user = User(
        email=email or f"person{number}@example.com",
        name=name or f"Person {number}",
        role=role,
        team_id=get_team(team).id if team else None,
        password_hash=hash_password(password) if password else None,
        active=active,
    )
    db.session.add(user)
    db.session.commit()
    return _detached(user)
