"""Writing mails to the outbox, in the transaction of the action that causes them.

A mail is rendered from two templates, ``mail/<name>.txt`` and ``mail/<name>.html``,
and stored as a row; once the transaction commits, a background job is asked to send
what is due (:mod:`webapp.mail.sender`). A rolled-back action leaves no mail, and a
mail server that is down never fails the action.
"""
from flask import current_app, render_template
from sqlalchemy import event
from sqlalchemy.orm import Session

from webapp.extensions import db
from webapp.jobs import jobs
from webapp.mail.links import unsubscribe_url
from webapp.models import MailKind, OutboxMail

SEND_JOB = "webapp.mail.sender.send_due"
"""The job that sends the mails that are due."""

JOB_KEY = "mail"
_WAITING = "outbox_waiting"


def mail_configured():
    """True when an SMTP server is configured; otherwise mails go to the log."""
    return bool(current_app.config.get("MAIL_SERVER"))


def queue_mail(kind, user, subject, template, **context):
    """Write a mail of ``kind`` to ``user`` to the outbox; return the row.

    ``template`` names the pair of templates under ``mail/``; they get ``user``,
    ``subject``, ``unsubscribe_url`` and ``context``. The mail is sent after the
    transaction commits.
    """
    unsubscribe = unsubscribe_url(user)
    values = {"user": user, "subject": subject, "unsubscribe_url": unsubscribe, **context}
    mail = OutboxMail(
        kind=MailKind(kind).value, user_id=user.id, to_address=user.email, subject=subject,
        text_body=render_template(f"mail/{template}.txt", **values),
        html_body=render_template(f"mail/{template}.html", **values),
        # RFC 8058: a mail client may unsubscribe with one POST to this address.
        headers={"List-Unsubscribe": f"<{unsubscribe}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    db.session.add(mail)
    send_after_commit()
    return mail


def send_after_commit():
    """Have the outbox sent once the current transaction commits."""
    db.session.info[_WAITING] = True


def send_soon():
    """Ask a background job to send the mails that are due."""
    jobs().enqueue(SEND_JOB, key=JOB_KEY)


@event.listens_for(Session, "after_commit")
def _send_after_commit(session):
    """Once mails written to the outbox are committed, have them sent."""
    if session.info.pop(_WAITING, False):
        send_soon()


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session):
    """Rolled-back mails were never written: nothing to send."""
    session.info.pop(_WAITING, None)
