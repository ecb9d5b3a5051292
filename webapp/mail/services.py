"""What admins see of the outbox, retrying a failed mail, and unsubscribing."""
from dataclasses import dataclass

from sqlalchemy import func, select, update

from webapp.database import get_row
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.mail.links import unsubscribe_user_id
from webapp.mail.outbox import mail_configured, send_after_commit
from webapp.models import (Delivery, MailStatus, NotificationPreference, OutboxMail,
                           User)
from webapp.models.types import utcnow

FAILED_LISTED = 200
"""The admin page lists this many failed mails, newest first."""


@dataclass(frozen=True)
class OutboxSummary:
    """How many mails are in each state, and whether a mail server is configured."""

    counts: dict
    configured: bool


def summary():
    """Count the outbox's mails by state."""
    counts = dict.fromkeys((status.value for status in MailStatus), 0)
    counts.update(db.session.execute(select(OutboxMail.status, func.count())
                                     .group_by(OutboxMail.status)).all())
    return OutboxSummary(counts, mail_configured())


def failed_mails(limit=FAILED_LISTED):
    """The mails that were given up on, newest first."""
    return db.session.scalars(select(OutboxMail).where(OutboxMail.status == MailStatus.FAILED)
                              .order_by(OutboxMail.id.desc()).limit(limit)).all()


def get_mail(mail_id):
    """The outbox mail with this id, or None."""
    return get_row(OutboxMail, mail_id)


def retry(mail):
    """Put a failed mail back in the outbox, to be sent at once (with fresh attempts)."""
    if mail.status != MailStatus.FAILED:
        raise ServiceError("Only a failed mail can be sent again.")
    mail.status, mail.attempts, mail.next_attempt_at = MailStatus.PENDING.value, 0, utcnow()
    send_after_commit()
    db.session.flush()
    return mail


def unsubscriber(token):
    """The person ``token`` unsubscribes, or None."""
    user_id = unsubscribe_user_id(token)
    return get_row(User, user_id) if user_id is not None else None


def unsubscribe(token):
    """Turn off round mails and notification mails for the person ``token`` names."""
    user = unsubscriber(token)
    if user is None:
        raise ServiceError("This unsubscribe link is not valid.")
    user.round_mails = False
    # Notifications this person chose to hear of by mail or digest go to the inbox only.
    db.session.execute(update(NotificationPreference).where(
        NotificationPreference.user_id == user.id,
        NotificationPreference.delivery.in_([Delivery.MAIL, Delivery.DIGEST]))
        .values(delivery=Delivery.APP.value))
    db.session.flush()
    return user
