"""What the home page shows."""
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Idea, Team, User


def team_headcounts():
    """Return (team name, active people) for every team, in name order."""
    rows = db.session.execute(
        select(Team.name, func.count(User.id))
        .outerjoin(User, (User.team_id == Team.id) & User.active.is_(True))
        .group_by(Team.id, Team.name)
        .order_by(Team.name)
    )
    return [(name, count) for name, count in rows]


def idea_counts(round_ids):
    """Return {round id: visible ideas} for the given rounds."""
    return dict(db.session.execute(
        select(Idea.round_id, func.count())
        .where(Idea.round_id.in_(round_ids), Idea.hidden_at.is_(None),
               Idea.merged_into_id.is_(None))
        .group_by(Idea.round_id)).all())
