"""Publishing and reading spotlight stories."""
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from webapp.database import get_row
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.limits import STORY_LIMIT, TITLE_LIMIT
from webapp.models import ActionItem, ItemStatus, NotificationKind, Story, Team
from webapp.notifications.services import notify
from webapp.urls import path_for


def publish(title, body, team_ids, item_ids, author):
    """Publish a story of a joint win."""
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise ServiceError("Give the story a title.", field="title")
    if not body:
        raise ServiceError("Tell the story.", field="body")
    if len(title) > TITLE_LIMIT or len(body) > STORY_LIMIT:
        raise ServiceError("The story is too long.", field="body")
    teams = db.session.scalars(select(Team).where(Team.id.in_(team_ids or []))).all()
    if len(teams) < 2:
        raise ServiceError("A joint win involves at least two teams.", field="team_ids")
    story = Story(title=title, body=body, created_by_id=author.id, teams=list(teams),
                  items=list(db.session.scalars(select(ActionItem).where(
                      ActionItem.id.in_(item_ids or [])))))
    db.session.add(story)
    db.session.flush()
    _tell_owners(story, author)
    return story


def _tell_owners(story, author):
    """Tell the owners of the story's items that their item is in the spotlight."""
    for item in story.items:
        notify([owner for owner in (item.owner_a_id, item.owner_b_id) if owner != author.id],
               f"Your action item “{item.title}” is in the spotlight: “{story.title}”.",
               path_for("spotlight.story", story_id=story.id), NotificationKind.ITEM_MOVED)


def get_story(story_id):
    """Return the story with its teams and items, or None."""
    return db.session.scalar(select(Story).where(Story.id == story_id).options(
        selectinload(Story.teams), selectinload(Story.items)))


def items_to_link():
    """Return the action items a story may name: all but dropped ones, by title."""
    return db.session.scalars(select(ActionItem).where(ActionItem.status != ItemStatus.DROPPED)
                              .order_by(ActionItem.title)).all()


def get_item(item_id):
    """Return the action item a story starts from, or None."""
    return get_row(ActionItem, item_id)


def latest(limit=None, brief=False):
    """Return the newest stories first, with their teams and items.

    ``brief``: with their teams only, for cards that show no more (the home page).
    """
    return db.session.scalars(_latest_statement(limit, brief)).unique().all()


@lru_cache(maxsize=8)
def _latest_statement(limit, brief):
    """The query of :func:`latest`, built once per shape (the home page runs it each view)."""
    # Brief: the few newest with their teams joined in, one statement.
    loads = [joinedload(Story.teams)] if brief else \
        [selectinload(Story.teams), selectinload(Story.items), selectinload(Story.author)]
    statement = select(Story).options(*loads).order_by(Story.created_at.desc(), Story.id.desc())
    return statement.limit(limit) if limit else statement


def draft_for(item):
    """Return (title, body) prefilled from a finished action item."""
    title = f"Joint win: {item.title}"[:TITLE_LIMIT]
    body = (f"{item.owner_a.name} ({item.owner_a.team.name}) and {item.owner_b.name} "
            f"({item.owner_b.team.name}) delivered “{item.title}”. What success looked "
            f"like: {item.success_measure}")
    return title, body
