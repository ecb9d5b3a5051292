"""What the home page shows."""
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Team, User


def team_headcounts():
    """Return (team name, active people) for every team, in name order."""
    rows = db.session.execute(
        select(Team.name, func.count(User.id))
        .outerjoin(User, (User.team_id == Team.id) & User.active.is_(True))
        .group_by(Team.id, Team.name)
        .order_by(Team.name)
    )
    return [(name, count) for name, count in rows]
