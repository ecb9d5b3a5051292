"""The round report's discussion figures: comments and cross-team replies per team."""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from analysis import discussion_by_team
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
        .where(on_round, Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))).all()
    team_ids = [team.id for team in teams]
    figures = discussion_by_team([(team, parent_team) for team, parent_team, _ in rows],
                                 team_ids)
    people = {team_id: len({author for team, _, author in rows if team == team_id})
              for team_id in team_ids}
    hidden = withheld(people)
    return [TeamDiscussion(team.name, *((None, None) if team.id in hidden
                                        else figures[team.id])) for team in teams]
