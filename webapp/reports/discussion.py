"""The round report's discussion figures: comments and cross-team replies per team."""
from dataclasses import dataclass

from sqlalchemy import bindparam, case, distinct, func, select, union_all
from sqlalchemy.orm import aliased

from webapp.extensions import db
from webapp.models import ActionItem, Comment, Idea
from webapp.privacy import withheld

__all__ = ["TeamDiscussion", "round_discussion"]


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


_PARENT = aliased(Comment)
# Comments found by their idea or item: PostgreSQL plans an OR of the two as a scan of
# every comment of every round.
_ON_ROUND = Comment.id.in_(union_all(
    select(Comment.id).where(Comment.idea_id.in_(
        select(Idea.id).where(Idea.round_id == bindparam("round_id"), Idea.hidden_at.is_(None)))),
    select(Comment.id).where(Comment.item_id.in_(
        select(ActionItem.id).where(ActionItem.round_id == bindparam("round_id"))))
).scalar_subquery())
# Each comment's parent is looked up by its key, whatever the planner guesses of their
# number. A reply to a comment of another team, as analysis.is_cross_team has it: SQL's
# comparison with NULL is not true.
_PARENT_TEAM = select(_PARENT.team_id).where(_PARENT.id == Comment.parent_id).scalar_subquery()
_CROSS_TEAM = case((_PARENT_TEAM != Comment.team_id, 1), else_=0)
# People who commented: authors since removed (no author any more) count as one, together.
_PEOPLE = (func.count(distinct(Comment.author_id))
           + func.max(case((Comment.author_id.is_(None), 1), else_=0)))
_BY_TEAM = (select(Comment.team_id, func.count(), func.sum(_CROSS_TEAM), _PEOPLE)
            .where(_ON_ROUND, Comment.created_at <= bindparam("until"),
                   Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))
            .group_by(Comment.team_id))


def round_discussion(survey_round, teams):
    """Comments on the round's ideas and items per team of ``teams``, through the gate.

    Comments made after the round closed do not count: its report is a fixed record.

    The group is the people of a team who commented: a team with fewer commenters
    than the threshold (or one that would give such a team away) shows no figure.
    Counted by the database, a row per team.
    """
    rows = db.session.execute(_BY_TEAM, {"round_id": survey_round.id,
                                         "until": survey_round.record_ends_at})
    counted = {team_id: (comments, int(cross or 0), people)
               for team_id, comments, cross, people in rows}
    figures = {team.id: counted.get(team.id, (0, 0, 0)) for team in teams}
    hidden = withheld({team_id: people for team_id, (_, _, people) in figures.items()})
    return [TeamDiscussion(team.name, *((None, None) if team.id in hidden
                                        else figures[team.id][:2])) for team in teams]
