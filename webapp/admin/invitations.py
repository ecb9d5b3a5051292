"""Inviting people: a mail with a link to choose their password, one person or an import.

Nobody is left out silently: whoever is not invited is listed with the reason.
"""
from dataclasses import dataclass, field

from sqlalchemy import select

from webapp.admin.people_import import import_people
from webapp.admin.services import is_email
from webapp.auth.password_links import INVITATION, invite, lifetime
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.mail.outbox import mail_configured
from webapp.models import User

_CHUNK = 500


@dataclass
class InvitationReport:
    """Who was invited (``sent``, with their links) and who was not, with why."""

    sent: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    mailed: bool = True
    imported: object = None
    valid_for: str = ""
    """How long each link works, in words."""


def _reason_not_to_invite(person):
    if not person.active:
        return "deactivated"
    if person.password_hash:
        return "has a password already"
    if not is_email(person.email):
        return "the address is not valid; correct it, then invite them"
    return None


def invite_person(person, inviter):
    """Invite ``person`` to choose a password; refuse if they cannot be invited."""
    reason = _reason_not_to_invite(person)
    if reason == "has a password already":
        raise ServiceError(f"{person.name} has a password already; they can use \"Forgot "
                           "your password?\" on the sign-in page.")
    if reason:
        raise ServiceError(f"{person.name} was not invited: {reason}.")
    return InvitationReport(sent=[invite(person, inviter.name)], mailed=mail_configured(),
                            valid_for=lifetime(INVITATION))


def people_at(emails):
    """The people at ``emails`` (any number of them), by email."""
    people = []
    for start in range(0, len(emails), _CHUNK):
        people += db.session.scalars(select(User).where(
            User.email.in_(emails[start:start + _CHUNK])))
    return sorted(people, key=lambda person: person.email)


def invite_emails(emails, inviter_name):
    """Invite everyone at ``emails`` who has no password yet; report the rest."""
    report = InvitationReport(mailed=mail_configured(), valid_for=lifetime(INVITATION))
    for person in people_at(emails):
        reason = _reason_not_to_invite(person)
        if reason:
            report.skipped.append((person.name, person.email, reason))
        else:
            report.sent.append(invite(person, inviter_name))
    db.session.flush()
    return report


def import_and_invite(source, inviter):
    """Import people from CSV ``source``, then invite everyone in it without a password.

    In one unit of work, for the shell; the admin page queues the invitations instead
    (:mod:`webapp.admin.invitation_batches`).
    """
    result = import_people(source)
    db.session.flush()
    report = invite_emails(result.emails, inviter.name)
    report.imported = result
    return report
