"""Comments counted and gathered across many ideas and items, one query each.

Board cards and item cards take their counts from one grouped query for the whole
page; the home page lists the newest comments a person may see.
"""
from functools import lru_cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from webapp.extensions import db
from webapp.models import Comment, Idea, SurveyRound
from webapp.models.surveys import round_team
from webapp.models.types import utcnow
from webapp.surveys.services import shown_now

__all__ = ["RECENT", "counts", "recent"]

RECENT = 5
"""How many recent comments the home page lists."""

_SHOWN = (Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))


def counts(column, ids):
    """Return {idea or item id: comments shown} for ``ids``; ``column`` says which."""
    if not ids:
        return {}
    return dict(db.session.execute(_counts_statement(column), {"ids": list(ids)}).all())


@lru_cache(maxsize=None)
def _counts_statement(column):
    """The query of :func:`counts`, built once per column (every board view runs it)."""
    return (select(column, func.count())
            .where(column.in_(bindparam("ids", expanding=True)), *_SHOWN).group_by(column))


@lru_cache(maxsize=None)
def _recent_statement(leader):
    """The query of :func:`recent`, built once for leaders and once for the others.

    Parameters: the reader's ``team_id`` and ``now``.
    """
    seen = Idea.merged_into_id.is_(None) & shown_now(Idea.held, Idea.round_id, bindparam("now"))
    if not leader:
        rounds = select(round_team.c.round_id).where(round_team.c.team_id == bindparam("team_id"))
        seen = (seen & Idea.hidden_at.is_(None) & Idea.round_id.in_(rounds)
                & SurveyRound.opens_at.is_not(None) & (SurveyRound.opens_at <= bindparam("now")))
    on_seen_idea = (select(Idea.id).join(SurveyRound, SurveyRound.id == Idea.round_id)
                    .where(Idea.id == Comment.idea_id, seen).exists())
    # Newest first, each tested as it comes: the database reads back from the newest
    # comment until it has enough, however many comments there are in all.
    return (select(Comment).where(Comment.item_id.is_not(None) | on_seen_idea, *_SHOWN)
            .options(joinedload(Comment.author), joinedload(Comment.team))
            .order_by(Comment.created_at.desc(), Comment.id.desc()).limit(bindparam("limit")))


def recent(user, limit=RECENT):
    """The newest shown comments on ideas and items ``user`` may open, newest first."""
    return db.session.scalars(_recent_statement(user.is_leader),
                              {"team_id": user.team_id, "now": utcnow(), "limit": limit}).all()
