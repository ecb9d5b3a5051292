"""Action items and the shared goals they work toward."""
from sqlalchemy import select

from webapp.database import get_row
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.models import Goal


def goal_options():
    """Every goal as (id, title), by end date: what an item may work toward."""
    return db.session.execute(select(Goal.id, Goal.title)
                              .order_by(Goal.ends_on, Goal.id)).all()


def checked_goal_id(goal_id, field="goal_id"):
    """Return ``goal_id`` if it names a goal, None for none; refuse any other value."""
    if goal_id is None:
        return None
    if get_row(Goal, goal_id) is None:
        raise ServiceError("Choose one of the goals listed.", field=field)
    return goal_id


def link_item(item, goal_id):
    """Make ``item`` work toward the goal ``goal_id`` (None: toward none)."""
    item.goal_id = checked_goal_id(goal_id)
    db.session.flush()
    return item
