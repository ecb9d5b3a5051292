"""What the home page shows.

Every page view of a signed-in person runs these, so their statements are built once,
with the person and the time as bound parameters.
"""
from sqlalchemy import bindparam, exists, func, select

from webapp.extensions import db
from webapp.models import (FINISHED, ActionItem, Idea, ItemStatus, Receipt, ResponseDraft,
                           SurveyRound, Team, User)
from webapp.models.surveys import round_team
from webapp.models.types import utcnow

_NOW = bindparam("now")
_SHOWN_IDEAS = (select(func.count()).select_from(Idea)
                .where(Idea.round_id == SurveyRound.id, Idea.hidden_at.is_(None),
                       Idea.merged_into_id.is_(None), Idea.held.is_(False))
                .correlate(SurveyRound).scalar_subquery())
# An open round's held survey ideas are not shown yet, so only unheld ones count.
_OPEN_ROUNDS = (
    select(SurveyRound,
           exists().where(Receipt.user_id == bindparam("user_id"),
                          Receipt.round_id == SurveyRound.id),
           exists().where(ResponseDraft.user_id == bindparam("user_id"),
                          ResponseDraft.round_id == SurveyRound.id),
           _SHOWN_IDEAS)
    .join(round_team, round_team.c.round_id == SurveyRound.id)
    .where(round_team.c.team_id == bindparam("team_id"), SurveyRound.opens_at <= _NOW,
           SurveyRound.closes_at.is_(None) | (SurveyRound.closes_at > _NOW))
    .order_by(SurveyRound.opens_at.desc()))
_SHARED_REPORTS = (
    select(SurveyRound).join(round_team, round_team.c.round_id == SurveyRound.id)
    .where(round_team.c.team_id == bindparam("team_id"), SurveyRound.report_shared.is_(True),
           SurveyRound.closes_at <= _NOW)
    .order_by(SurveyRound.closes_at.desc()).limit(5))
_OWNS = (ActionItem.owner_a_id == bindparam("user_id")) | \
    (ActionItem.owner_b_id == bindparam("user_id"))
_ACTION_COUNTS = select(func.count().filter(ActionItem.status == ItemStatus.PROPOSED),
                        func.count().filter(_OWNS & ActionItem.status.not_in(FINISHED)))


def team_headcounts():
    """Return (team name, active people) for every team, in name order."""
    rows = db.session.execute(
        select(Team.name, func.count(User.id))
        .outerjoin(User, (User.team_id == Team.id) & User.active.is_(True))
        .group_by(Team.id, Team.name)
        .order_by(Team.name)
    )
    return [(name, count) for name, count in rows]


def open_rounds(user):
    """Return the open rounds of the person's team, newest first, and their idea counts.

    The rounds come as (round, state), ``state`` being "submitted", "draft" or "new";
    the counts as {round id: ideas shown on its board}. One statement.
    """
    if user.team_id is None:
        return [], {}
    rows = db.session.execute(_OPEN_ROUNDS, {"user_id": user.id, "team_id": user.team_id,
                                             "now": utcnow()}).all()
    states = [(r, "submitted" if done else "draft" if draft else "new")
              for r, done, draft, _ in rows]
    return states, {r.id: ideas for r, _, _, ideas in rows}


def shared_reports(user):
    """Return the closed rounds of the person's team whose reports are shared."""
    if user.team_id is None:
        return []
    return db.session.scalars(_SHARED_REPORTS, {"team_id": user.team_id,
                                                "now": utcnow()}).all()


def action_counts(user):
    """Return (items proposed for support, items the person owns that are not finished)."""
    proposed, owned = db.session.execute(_ACTION_COUNTS, {"user_id": user.id}).one()
    return proposed, owned
