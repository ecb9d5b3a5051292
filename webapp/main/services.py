"""What the home page shows."""
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import FINISHED, ActionItem, Idea, ItemStatus, SurveyRound, Team, User
from webapp.models.surveys import round_team
from webapp.models.types import utcnow
from webapp.surveys.services import shown_now


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
    """Return {round id: visible ideas} for the given open rounds (held ones not yet)."""
    if not round_ids:
        return {}
    return dict(db.session.execute(
        select(Idea.round_id, func.count())
        .where(Idea.round_id.in_(round_ids), Idea.hidden_at.is_(None),
               Idea.merged_into_id.is_(None), shown_now(Idea.held, Idea.round_id))
        .group_by(Idea.round_id)).all())


def shared_reports(user):
    """Return the closed rounds of the person's team whose reports are shared."""
    if user.team_id is None:
        return []
    return db.session.scalars(
        select(SurveyRound).join(round_team, round_team.c.round_id == SurveyRound.id)
        .where(round_team.c.team_id == user.team_id, SurveyRound.report_shared.is_(True),
               SurveyRound.closes_at <= utcnow())
        .order_by(SurveyRound.closes_at.desc()).limit(5)).all()


def action_counts(user):
    """Return (items proposed for support, items the person owns that are not finished)."""
    owner = (ActionItem.owner_a_id == user.id) | (ActionItem.owner_b_id == user.id)
    proposed, owned = db.session.execute(select(
        func.count().filter(ActionItem.status == ItemStatus.PROPOSED),
        func.count().filter(owner & ActionItem.status.not_in(FINISHED)))).one()
    return proposed, owned
