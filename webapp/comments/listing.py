"""Comments counted and gathered across many ideas and items, one query each.

Board cards and item cards take their counts from one grouped query for the whole
page; the home page lists the newest comments a person may see; the round report
counts comments and cross-team replies per team, through the privacy gate.
"""
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload

from analysis import discussion_by_team
from webapp.extensions import db
from webapp.models import ActionItem, Comment, Idea, SurveyRound
from webapp.models.surveys import round_team
from webapp.models.types import utcnow
from webapp.privacy import withheld
from webapp.surveys.services import shown_now

__all__ = ["RECENT", "TeamDiscussion", "both_teams_ideas", "counts", "recent",
           "round_discussion"]

RECENT = 5
"""How many recent comments the home page lists."""

_SHOWN = (Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))


def counts(column, ids):
    """Return {idea or item id: comments shown} for ``ids``; ``column`` says which."""
    if not ids:
        return {}
    return dict(db.session.execute(
        select(column, func.count()).where(column.in_(list(ids)), *_SHOWN)
        .group_by(column)).all())


def both_teams_ideas(pair):
    """A select of the ids of ideas with shown comments from both teams of ``pair``."""
    team_ids = [team.id for team in pair]
    return (select(Comment.idea_id).where(Comment.idea_id.is_not(None),
                                          Comment.team_id.in_(team_ids), *_SHOWN)
            .group_by(Comment.idea_id)
            .having(func.count(func.distinct(Comment.team_id)) == len(team_ids)))


def _ideas_seen_by(user):
    """SQL condition on ideas (joined with their round): ideas ``user`` may open."""
    condition = (Idea.merged_into_id.is_(None)) & shown_now(Idea.held, Idea.round_id)
    if user.is_leader:
        return condition
    rounds = select(round_team.c.round_id).where(round_team.c.team_id == user.team_id)
    return (condition & Idea.hidden_at.is_(None) & Idea.round_id.in_(rounds)
            & SurveyRound.opens_at.is_not(None) & (SurveyRound.opens_at <= utcnow()))


def recent(user, limit=RECENT):
    """The newest shown comments on ideas and items ``user`` may open, newest first."""
    on_ideas = (select(Comment.id).join(Idea, Idea.id == Comment.idea_id)
                .join(SurveyRound, SurveyRound.id == Idea.round_id)
                .where(_ideas_seen_by(user)))
    on_items = select(Comment.id).where(Comment.item_id.is_not(None))
    return db.session.scalars(
        select(Comment).where(Comment.id.in_(on_ideas.union(on_items).subquery().select()),
                              *_SHOWN)
        .options(joinedload(Comment.author), joinedload(Comment.team))
        .order_by(Comment.created_at.desc(), Comment.id.desc()).limit(limit)).all()


@dataclass
class TeamDiscussion:
    """A team's comments on a round and its replies to the other team; None when withheld."""

    team: str
    comments: int | None
    cross_team: int | None

    @property
    def shown(self):
        """False when the privacy gate withheld the team's figures."""
        return self.comments is not None


def round_discussion(survey_round, teams):
    """Comments on the round's ideas and items per team of ``teams``, through the gate.

    The group is the people of a team who commented: a team with fewer commenters
    than the threshold (or one that would give such a team away) shows no figure.
    """
    parent = aliased(Comment)
    on_round = (Comment.idea_id.in_(select(Idea.id).where(Idea.round_id == survey_round.id,
                                                          Idea.hidden_at.is_(None)))
                | Comment.item_id.in_(select(ActionItem.id)
                                      .where(ActionItem.round_id == survey_round.id)))
    rows = db.session.execute(
        select(Comment.team_id, parent.team_id, Comment.author_id)
        .outerjoin(parent, parent.id == Comment.parent_id)
        .where(on_round, *_SHOWN)).all()
    team_ids = [team.id for team in teams]
    figures = discussion_by_team([(team, parent_team) for team, parent_team, _ in rows],
                                 team_ids)
    people = {team_id: len({author for team, _, author in rows if team == team_id})
              for team_id in team_ids}
    hidden = withheld(people)
    return [TeamDiscussion(team.name, *((None, None) if team.id in hidden
                                        else figures[team.id])) for team in teams]
