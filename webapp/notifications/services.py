"""Sending and reading notifications: in the app, by mail at once, or in a weekly digest.

Each person chooses, per kind, how to hear of it (:class:`Delivery`); without a choice
a notification waits in the app's inbox only.
"""
from sqlalchemy import func, select, update

from webapp.database import upsert
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.mail.links import external_url
from webapp.mail.outbox import queue_mail
from webapp.models import (KIND_CHOICES, Delivery, MailKind, Notification, NotificationKind,
                           NotificationPreference, User)
from webapp.models.types import utcnow


def deliveries(user_ids, kind):
    """Return {user id: Delivery} for ``kind``; in the app only for those with no choice."""
    chosen = dict(db.session.execute(select(
        NotificationPreference.user_id, NotificationPreference.delivery).where(
        NotificationPreference.kind == kind, NotificationPreference.user_id.in_(user_ids))).all())
    return {user_id: Delivery(chosen.get(user_id, Delivery.APP)) for user_id in user_ids}


def notify(user_ids, message, link="", kind=NotificationKind.GENERAL):
    """Tell each of ``user_ids`` (once each) ``message``, pointing at ``link``.

    Whoever chose mail for ``kind`` is mailed too, in this transaction; whoever turned
    it off is not told.
    """
    ids = sorted({uid for uid in user_ids if uid is not None})
    if not ids:
        return
    how = deliveries(ids, NotificationKind(kind).value)
    for user_id in ids:
        if how[user_id] == Delivery.OFF:
            continue
        db.session.add(Notification(user_id=user_id, message=message[:300], link=link,
                                    kind=NotificationKind(kind).value))
    mailed = [user_id for user_id in ids if how[user_id] == Delivery.MAIL]
    for person in db.session.scalars(select(User).where(User.id.in_(mailed),
                                                        User.active.is_(True))):
        queue_mail(MailKind.NOTIFICATION, person, message[:200], "notification",
                   message=message, link=absolute(link))
    db.session.flush()


def absolute(link):
    """``link`` (a path in the app) as an address to open from a mail."""
    return external_url("main.home").rstrip("/") + link if link else external_url("main.home")


def preferences(user):
    """Return [(kind, label, Delivery)] of the kinds a person chooses for."""
    chosen = dict(db.session.execute(select(NotificationPreference.kind,
                                            NotificationPreference.delivery)
                                     .where(NotificationPreference.user_id == user.id)).all())
    return [(kind, label, Delivery(chosen.get(kind.value, Delivery.APP)))
            for kind, label in KIND_CHOICES.items()]


def set_preferences(user, choices, round_mails=None):
    """Store ``user``'s choices, {kind: delivery}; unknown kinds or deliveries are refused.

    ``round_mails`` (unless None) turns round invitations and reminders on or off: a
    person who unsubscribed from them turns them back on here.
    """
    if round_mails is not None:
        user.round_mails = bool(round_mails)
    for kind, delivery in choices.items():
        if kind not in {k.value for k in KIND_CHOICES} or delivery not in set(Delivery):
            raise ServiceError("Choose one of the offered ways for each kind.")
        upsert(NotificationPreference, ["user_id", "kind"], user_id=user.id, kind=kind,
               delivery=delivery)
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
