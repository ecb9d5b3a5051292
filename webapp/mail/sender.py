"""Sending the outbox: claim a due mail, send it, record how it went.

Each mail is claimed with one conditional UPDATE (``status = 'pending'`` and due), so
of two senders running at once exactly one gets it. A server that is down or answers
"try later" (4xx) has the mail tried again with a growing wait; after
``MAIL_MAX_ATTEMPTS`` tries, or at once when the server refuses the address or the
message for good (5xx), the mail is marked failed and listed for admins.

With no ``MAIL_SERVER`` the mail is written to the log instead, and counts as sent.
"""
import smtplib
from datetime import timedelta

from flask import current_app
from flask_mailman import EmailMultiAlternatives
from sqlalchemy import or_, select, update

from webapp.extensions import db, mailer
from webapp.models import MailStatus, OutboxMail
from webapp.models.types import utcnow

BATCH = 100
"""Mails claimed per pass; a run keeps going until nothing is due."""

ERROR_LENGTH = 500


class PermanentFailure(Exception):
    """The server refused the mail for good: trying again would not help."""


def _due(now):
    """Mails waiting and due, or claimed by a sender that has not finished in time."""
    stale = now - timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"])
    return or_((OutboxMail.status == MailStatus.PENDING) & (OutboxMail.next_attempt_at <= now),
               (OutboxMail.status == MailStatus.SENDING) & (OutboxMail.claimed_at <= stale))


def claim(mail_id, now=None):
    """Claim mail ``mail_id`` for this sender and commit; True if this sender got it.

    One conditional UPDATE: if another sender claimed it first, no row matches.
    """
    now = now or utcnow()
    claimed = db.session.execute(
        update(OutboxMail).where(OutboxMail.id == mail_id, _due(now))
        .values(status=MailStatus.SENDING.value, claimed_at=now,
                attempts=OutboxMail.attempts + 1)
        .returning(OutboxMail.id)).first()
    db.session.commit()
    return claimed is not None


def _message(mail, connection):
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.text_body,
        from_email=current_app.config["MAIL_DEFAULT_SENDER"], to=[mail.to_address],
        headers=dict(mail.headers or {}), connection=connection)
    message.attach_alternative(mail.html_body, "text/html")
    return message


def _deliver(mail, connection):
    """Hand ``mail`` to the SMTP server (or the log); raise on failure."""
    if connection is None:
        # A warning, so that it shows with the default log level: nothing was delivered.
        current_app.logger.warning("mail not sent (no MAIL_SERVER) to %s: %s\n%s",
                                   mail.to_address, mail.subject, mail.text_body)
        return
    try:
        _message(mail, connection).send()
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentFailure(f"the server refused the address: {_reason(error)}") from None
    except smtplib.SMTPResponseException as error:
        if error.smtp_code >= 500:
            raise PermanentFailure(f"the server refused the mail: {_reason(error)}") from None
        raise


def _reason(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = list(error.recipients.values())
        code, text = codes[0] if codes else (0, b"")
    else:
        code, text = error.smtp_code, error.smtp_error
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {text}".strip()


def _record(mail, error):
    """Mark ``mail`` sent, or due again later, or failed, after one attempt."""
    now = utcnow()
    config = current_app.config
    if error is None:
        # The links it carried are not kept once it has gone.
        mail.status, mail.sent_at, mail.last_error = MailStatus.SENT.value, now, ""
        mail.text_body = mail.html_body = ""
    elif isinstance(error, PermanentFailure) or mail.attempts >= config["MAIL_MAX_ATTEMPTS"]:
        mail.status, mail.last_error = MailStatus.FAILED.value, str(error)[:ERROR_LENGTH]
    else:
        wait = config["MAIL_RETRY_SECONDS"] * 2 ** (mail.attempts - 1)
        mail.status, mail.next_attempt_at = MailStatus.PENDING.value, now + timedelta(
            seconds=wait)
        mail.last_error = (f"{type(error).__name__}: {error}")[:ERROR_LENGTH]
    mail.claimed_at = None
    db.session.commit()


def _connection():
    if not current_app.config.get("MAIL_SERVER"):
        return None
    # Always SMTP: Flask-Mailman would pick an in-memory backend under TESTING.
    return mailer.get_connection("smtp")


def send_one(mail_id, connection):
    """Claim and send one mail; return True if this sender sent it."""
    if not claim(mail_id):
        return False
    mail = db.session.get(OutboxMail, mail_id)
    try:
        _deliver(mail, connection)
    except (PermanentFailure, smtplib.SMTPException, OSError) as error:
        current_app.logger.warning("mail %s to %s not sent: %s", mail.id, mail.to_address,
                                   error)
        _record(mail, error)
        return False
    _record(mail, None)
    return True


def send_due():
    """Send every mail that is due; return how many this sender sent (the job)."""
    sent = 0
    while True:
        ids = db.session.scalars(select(OutboxMail.id).where(_due(utcnow()))
                                 .order_by(OutboxMail.id).limit(BATCH)).all()
        db.session.commit()
        if not ids:
            return sent
        connection = _connection()
        sent += sum(send_one(mail_id, connection) for mail_id in ids)
        if connection is not None:
            connection.close()
        if len(ids) < BATCH:
            return sent
