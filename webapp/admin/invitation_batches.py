"""An import's invitations, written by a background job once the people are saved.

Writing tens of thousands of invitations does not fit in a request: the import commits
the people and a batch naming them, and one job (:func:`send_batch`) writes the mails.
Afterwards the admin sees who was invited and who was not, and, with no mail server,
a link for each invited person who has not chosen a password yet.
"""
from dataclasses import dataclass

from sqlalchemy import select, update

from webapp.admin.invitations import invite_emails, people_at
from webapp.admin.people_import import import_people
from webapp.auth.password_links import INVITATION, invitation_url, lifetime
from webapp.database import get_row
from webapp.extensions import db
from webapp.jobs import enqueue_after_commit
from webapp.mail.outbox import mail_configured
from webapp.models import BatchStatus, InvitationBatch
from webapp.models.types import utcnow

BATCH_JOB = "webapp.admin.invitation_batches.send_batch"
BATCH_KEY = "invitation-batch"
"""The job that writes a batch's invitations, and its key for waiting on it in-process."""

INVITED_LISTED = 1000
"""A batch's page lists this many invited people, and as many not invited (and says how
many more)."""

RECENT_BATCHES = 10
"""The import page lists this many of the latest batches."""


@dataclass(frozen=True)
class Queued:
    """An import whose invitations are on their way."""

    batch_id: int
    imported: object


@dataclass(frozen=True)
class Invited:
    """One invited person, with a fresh link when no mail server is configured."""

    name: str
    email: str
    link: str | None = None


def import_and_queue(source, inviter):
    """Import people from CSV ``source``; queue inviting everyone in it without a password."""
    result = import_people(source)
    batch = InvitationBatch(created_by_id=inviter.id, inviter_name=inviter.name,
                            emails=list(result.emails))
    db.session.add(batch)
    db.session.flush()
    enqueue_after_commit(BATCH_JOB, batch.id, key=BATCH_KEY)
    return Queued(batch.id, result)


def send_batch(batch_id):
    """Write the invitations of batch ``batch_id`` and commit (the job).

    The batch is claimed in the transaction that writes its mails: a second run, or a
    retry after a failure, writes each invitation once.
    """
    claimed = db.session.execute(update(InvitationBatch).where(
        InvitationBatch.id == batch_id, InvitationBatch.status == BatchStatus.WAITING)
        .values(status=BatchStatus.DONE.value, finished_at=utcnow())
        .returning(InvitationBatch.id)).first()
    if claimed is None:
        db.session.rollback()
        return
    batch = db.session.get(InvitationBatch, batch_id)
    report = invite_emails(batch.emails, batch.inviter_name)
    batch.invited = [[sent.name, sent.email] for sent in report.sent]
    batch.skipped = [list(row) for row in report.skipped]
    batch.emails = []
    db.session.commit()


def get_batch(batch_id):
    """The batch with this id, or None."""
    return get_row(InvitationBatch, batch_id)


def recent_batches(limit=RECENT_BATCHES):
    """The latest batches, newest first."""
    return db.session.scalars(select(InvitationBatch).order_by(InvitationBatch.id.desc())
                              .limit(limit)).all()


def invited_people(batch, limit=INVITED_LISTED):
    """The first ``limit`` people the batch invited, as :class:`Invited`.

    With no mail server, each who can still choose a password gets a link made now
    (links are signed, not stored: any of them works once, for its lifetime).
    """
    shown = batch.invited[:limit]
    if mail_configured():
        return [Invited(name, email) for name, email in shown]
    links = {person.email: invitation_url(person)
             for person in people_at([email for _, email in shown])
             if person.active and not person.password_hash}
    return [Invited(name, email, links.get(email)) for name, email in shown]


def link_lifetime():
    """How long an invitation link works, in words."""
    return lifetime(INVITATION)
