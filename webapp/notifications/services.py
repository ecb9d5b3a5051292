"""Sending and reading in-app notifications."""
from sqlalchemy import func, select, update

from webapp.extensions import db
from webapp.models import Notification
from webapp.models.types import utcnow


def notify(user_ids, message, link=""):
    """Tell each of ``user_ids`` (once each) ``message``, pointing at ``link``."""
    for user_id in sorted({uid for uid in user_ids if uid is not None}):
        db.session.add(Notification(user_id=user_id, message=message[:300], link=link))
    db.session.flush()


def unread_count(user):
    """Return how many unread notifications ``user`` has."""
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)))


def inbox(user, limit=100):
    """Return the person's latest notifications, newest first."""
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.id.desc()).limit(limit)).all()


def mark_read(user, notification_id=None):
    """Mark one of the person's notifications read, or all of them; return the one."""
    statement = update(Notification).where(Notification.user_id == user.id,
                                           Notification.read_at.is_(None))
    if notification_id is not None:
        statement = statement.where(Notification.id == notification_id)
    db.session.execute(statement.values(read_at=utcnow()))
    if notification_id is None:
        return None
    return db.session.scalar(select(Notification).where(
        Notification.id == notification_id, Notification.user_id == user.id))
