"""Leaders' moderation of ideas: merging duplicates and hiding abusive ideas.

The views moderate through :mod:`webapp.moderation`, which also refits the words of
the themes that hold the idea.
"""
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import joinedload

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas.services import idea_seen_by, refresh_scores
from webapp.models import Idea, IdeaModeration, IdeaVote
from webapp.models.types import utcnow


def _record(idea, action, actor, reason="", target=None):
    db.session.add(IdeaModeration(idea_id=idea.id, action=action, actor_id=actor.id,
                                  reason=reason, target_id=target.id if target else None))


def merge_into(duplicate, target_id, survey_round, actor):
    """Merge ``duplicate`` into the idea numbered ``target_id`` (see :func:`merge`)."""
    target = idea_seen_by(target_id, actor)
    if target is None:
        raise ServiceError(f"There is no idea number {target_id}.")
    merge(duplicate, target, survey_round, actor)


def merge(duplicate, target, survey_round, actor):
    """Merge ``duplicate`` into ``target``: its votes carry over, nobody counted twice.

    A person who voted on both keeps only their vote on the target. Ideas merged into
    the duplicate earlier now point at the target too.
    """
    if duplicate.id == target.id:
        raise ServiceError("An idea cannot be merged into itself.", field="target_id")
    # Lock both rows (in id order, so two merges cannot deadlock) and re-read them:
    # a concurrent merge or vote must not slip in between the checks and the writes.
    db.session.execute(select(Idea.id).where(Idea.id.in_([duplicate.id, target.id]))
                       .order_by(Idea.id).with_for_update())
    db.session.refresh(duplicate)
    db.session.refresh(target)
    if target.is_hidden:
        raise ServiceError("That idea is hidden; show it again before merging into it.",
                           field="target_id")
    if target.round_id != duplicate.round_id:
        raise ServiceError("Both ideas must be in the same round.", field="target_id")
    if target.merged_into_id is not None:
        raise ServiceError("That idea was itself merged; merge into the idea it went to.",
                           field="target_id")
    if duplicate.merged_into_id is not None:
        raise ServiceError("This idea is already merged.")
    on_target = select(IdeaVote.user_id).where(IdeaVote.idea_id == target.id)
    db.session.execute(update(IdeaVote).where(
        IdeaVote.idea_id == duplicate.id, IdeaVote.user_id.not_in(on_target))
        .values(idea_id=target.id))
    db.session.execute(delete(IdeaVote).where(IdeaVote.idea_id == duplicate.id))
    db.session.execute(update(Idea).where(Idea.merged_into_id == duplicate.id)
                       .values(merged_into_id=target.id))
    duplicate.merged_into_id = target.id
    _record(duplicate, "merge", actor, target=target)
    refresh_scores(survey_round, [duplicate.id, target.id])


def hide(idea, actor, reason):
    """Hide ``idea`` from everyone but leaders, and from counts and themes; keep it."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Say why the idea is hidden.", field="reason")
    if idea.is_hidden:
        return
    idea.hidden_at = utcnow()
    idea.hidden_reason = reason
    _record(idea, "hide", actor, reason)
    db.session.flush()


def unhide(idea, actor):
    """Show a hidden idea again."""
    if not idea.is_hidden:
        return
    idea.hidden_at = None
    idea.hidden_reason = None
    _record(idea, "unhide", actor)
    db.session.flush()


def history(idea):
    """Return the idea's moderation records, oldest first."""
    return db.session.scalars(select(IdeaModeration).options(joinedload(IdeaModeration.actor))
                              .where(IdeaModeration.idea_id == idea.id)
                              .order_by(IdeaModeration.at, IdeaModeration.id)).all()


def merged_from(idea, include_hidden=False):
    """Return the ideas that were merged into ``idea``; hidden ones only if asked."""
    statement = _MERGED_FROM if include_hidden else _SHOWN_MERGED_FROM
    return db.session.scalars(statement, {"idea_id": idea.id}).all()


# Built once: every view of an idea runs one of them.
_MERGED_FROM = select(Idea).where(Idea.merged_into_id == bindparam("idea_id")).order_by(Idea.id)
_SHOWN_MERGED_FROM = _MERGED_FROM.where(Idea.hidden_at.is_(None))
